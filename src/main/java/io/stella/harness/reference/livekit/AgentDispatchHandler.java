package io.stella.harness.reference.livekit;

import livekit.LivekitAgentDispatch;
import livekit.LivekitModels;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code livekit.AgentDispatchService} over Twirp. A dispatch is a job for the agent pool; once a
 * worker takes it, the agent joins its room as an AGENT participant after the configured delay, as a
 * stella-agent worker would after accepting the job. Deleting the dispatch (or its room) ends the job.
 * {@link AgentFaults} make a share of the agents crash (leave mid-call, and come back as a new agent for the same
 * job if re-dispatched) and a share of the jobs go to two agents; the agents' media hears of each move.
 */
final class AgentDispatchHandler extends TwirpService {

    /** What a stella-agent worker's token allows: it publishes its voice and hears the caller. */
    private static final LivekitModels.ParticipantPermission AGENT_PERMISSION = LivekitModels.ParticipantPermission.newBuilder()
            .setCanSubscribe(true).setCanPublish(true).setCanPublishData(true).setCanUpdateMetadata(true).build();

    private final Rooms rooms;
    private final ScheduledExecutorService timer;
    private final long agentJoinDelayMillis;
    private final AgentPool pool;
    private final AgentFaults faults;
    private final AgentMoves moves;
    private final java.util.concurrent.atomic.AtomicLong dispatches = new java.util.concurrent.atomic.AtomicLong();
    // By room, then by id: a room's dispatches are found and forgotten without walking every room's
    // (thousands of rooms are open at once under load, one per session).
    private final Map<String, Map<String, LivekitAgentDispatch.AgentDispatch>> byRoom = new ConcurrentHashMap<>();

    /** Told when an agent left its room (crashed) or a new one joined it, after the room has told its participants. */
    interface AgentMoves {
        void left(String room);

        void joined(String room);
    }

    AgentDispatchHandler(LivekitAuth auth, Rooms rooms, ScheduledExecutorService timer, long agentJoinDelayMillis, AgentPool pool,
                         AgentFaults faults, AgentMoves moves) {
        super("livekit.AgentDispatchService", auth);
        this.rooms = rooms;
        this.timer = timer;
        this.agentJoinDelayMillis = agentJoinDelayMillis;
        this.pool = pool;
        this.faults = faults;
        this.moves = moves;
    }

    @Override
    boolean dispatch(String method, TwirpCall call, LivekitGrants grants) throws TwirpException {
        switch (method) {
            case "CreateDispatch" -> {
                var request = call.read(LivekitAgentDispatch.CreateAgentDispatchRequest.newBuilder()).build();
                require(grants.adminOf(request.getRoom()));
                call.answer(create(request));
            }
            case "ListDispatch" -> {
                var request = call.read(LivekitAgentDispatch.ListAgentDispatchRequest.newBuilder()).build();
                require(grants.adminOf(request.getRoom()));
                var answer = LivekitAgentDispatch.ListAgentDispatchResponse.newBuilder();
                inRoom(request.getRoom()).stream()
                        .filter(d -> request.getDispatchId().isEmpty() || d.getId().equals(request.getDispatchId()))
                        .forEach(answer::addAgentDispatches);
                call.answer(answer.build());
            }
            case "DeleteDispatch" -> {
                var request = call.read(LivekitAgentDispatch.DeleteAgentDispatchRequest.newBuilder()).build();
                require(grants.adminOf(request.getRoom()));
                var inThatRoom = byRoom.get(request.getRoom());
                LivekitAgentDispatch.AgentDispatch removed = inThatRoom == null ? null : inThatRoom.remove(request.getDispatchId());
                if (removed == null) {
                    throw TwirpException.notFound("dispatch not found");
                }
                pool.release(removed.getId());
                rooms.find(removed.getRoom()).ifPresent(room -> {
                    room.leave(agentIdentity(removed), null);
                    room.leave(secondAgentIdentity(removed), null);
                });
                call.answer(removed);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private LivekitAgentDispatch.AgentDispatch create(LivekitAgentDispatch.CreateAgentDispatchRequest request) {
        LivekitAgentDispatch.AgentDispatch dispatch = LivekitAgentDispatch.AgentDispatch.newBuilder()
                .setId("AD_" + UUID.randomUUID().toString().substring(0, 12)).setAgentName(request.getAgentName())
                .setRoom(request.getRoom()).setMetadata(request.getMetadata())
                .setState(LivekitAgentDispatch.AgentDispatchState.newBuilder().setCreatedAt(System.currentTimeMillis()))
                .build();
        byRoom.computeIfAbsent(dispatch.getRoom(), room -> new ConcurrentHashMap<>()).put(dispatch.getId(), dispatch);
        rooms.createIfAbsent(request.getRoom(), 0, "");
        pool.request(dispatch.getId(), dispatch.getRoom(),
                () -> timer.schedule(() -> agentJoins(dispatch), agentJoinDelayMillis, TimeUnit.MILLISECONDS));
        return dispatch;
    }

    private void agentJoins(LivekitAgentDispatch.AgentDispatch dispatch) {
        if (!stillWanted(dispatch)) {
            return;
        }
        long dispatchNumber = dispatches.incrementAndGet();
        if (join(dispatch, agentIdentity(dispatch), faults.crashes(dispatchNumber)) && faults.dispatchedTwice(dispatchNumber)) {
            join(dispatch, secondAgentIdentity(dispatch), false);
        }
    }

    /** An agent for the job joins its room, unless the job is over; one chosen to crash will, after its time. */
    private boolean join(LivekitAgentDispatch.AgentDispatch dispatch, String identity, boolean crashes) {
        if (!stillWanted(dispatch)) {
            return false; // deleted before the agent got there
        }
        Room room = rooms.find(dispatch.getRoom()).orElse(null);
        if (room == null) {
            return false;
        }
        room.join(new Participant("PA_" + UUID.randomUUID().toString().substring(0, 12), identity, dispatch.getAgentName(),
                LivekitModels.ParticipantInfo.Kind.AGENT, System.currentTimeMillis(), AGENT_PERMISSION, null));
        if (!stillWanted(dispatch)) {
            room.leave(identity, null); // the job ended while the agent was joining: it leaves, as DeleteDispatch had it
            return false;
        }
        moves.joined(room.name());
        if (crashes) {
            timer.schedule(() -> crash(dispatch, identity), faults.crashAfterMillis(), TimeUnit.MILLISECONDS);
        }
        return true;
    }

    /** The agent dies: its voice stops, it leaves the room; a new agent for the same job comes if re-dispatched. */
    private void crash(LivekitAgentDispatch.AgentDispatch dispatch, String identity) {
        Room room = rooms.find(dispatch.getRoom()).orElse(null);
        if (room == null || !stillWanted(dispatch)) {
            return;
        }
        // out of the room first: a caller's agent session that connects now must not take the leaving agent for present
        room.leave(identity, null);
        moves.left(room.name());
        if (faults.redispatchAfterMillis() != null) {
            timer.schedule(() -> join(dispatch, identity, false), faults.redispatchAfterMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean stillWanted(LivekitAgentDispatch.AgentDispatch dispatch) {
        return byRoom.getOrDefault(dispatch.getRoom(), Map.of()).containsKey(dispatch.getId());
    }

    private List<LivekitAgentDispatch.AgentDispatch> inRoom(String room) {
        return List.copyOf(byRoom.getOrDefault(room, Map.of()).values());
    }

    static String agentIdentity(LivekitAgentDispatch.AgentDispatch dispatch) {
        return "agent-" + dispatch.getId();
    }

    /** The second worker a job given twice sends. */
    private static String secondAgentIdentity(LivekitAgentDispatch.AgentDispatch dispatch) {
        return agentIdentity(dispatch) + "-twice";
    }

    /** Forgets the dispatches of a deleted room. */
    void roomDeleted(String room) {
        byRoom.remove(room);
        pool.roomDeleted(room);
    }
}

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
 */
final class AgentDispatchHandler extends TwirpService {

    /** What a stella-agent worker's token allows: it publishes its voice and hears the caller. */
    private static final LivekitModels.ParticipantPermission AGENT_PERMISSION = LivekitModels.ParticipantPermission.newBuilder()
            .setCanSubscribe(true).setCanPublish(true).setCanPublishData(true).setCanUpdateMetadata(true).build();

    private final Rooms rooms;
    private final ScheduledExecutorService timer;
    private final long agentJoinDelayMillis;
    private final AgentPool pool;
    // By room, then by id: a room's dispatches are found and forgotten without walking every room's
    // (thousands of rooms are open at once under load, one per session).
    private final Map<String, Map<String, LivekitAgentDispatch.AgentDispatch>> byRoom = new ConcurrentHashMap<>();

    AgentDispatchHandler(LivekitAuth auth, Rooms rooms, ScheduledExecutorService timer, long agentJoinDelayMillis, AgentPool pool) {
        super("livekit.AgentDispatchService", auth);
        this.rooms = rooms;
        this.timer = timer;
        this.agentJoinDelayMillis = agentJoinDelayMillis;
        this.pool = pool;
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
                rooms.find(removed.getRoom()).ifPresent(room -> room.leave(agentIdentity(removed), null));
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
        if (!byRoom.getOrDefault(dispatch.getRoom(), Map.of()).containsKey(dispatch.getId())) {
            return; // deleted before the agent got there
        }
        rooms.find(dispatch.getRoom()).ifPresent(room -> room.join(new Participant(
                "PA_" + UUID.randomUUID().toString().substring(0, 12), agentIdentity(dispatch), dispatch.getAgentName(),
                LivekitModels.ParticipantInfo.Kind.AGENT, System.currentTimeMillis(), AGENT_PERMISSION, null)));
    }

    private List<LivekitAgentDispatch.AgentDispatch> inRoom(String room) {
        return List.copyOf(byRoom.getOrDefault(room, Map.of()).values());
    }

    static String agentIdentity(LivekitAgentDispatch.AgentDispatch dispatch) {
        return "agent-" + dispatch.getId();
    }

    /** Forgets the dispatches of a deleted room. */
    void roomDeleted(String room) {
        byRoom.remove(room);
        pool.roomDeleted(room);
    }
}

package io.stella.harness.livekit.media;

import io.stella.harness.livekit.packet.Impairment;

import java.util.List;

/**
 * What one caller does once in the room: maybe wait for the agent's greeting, then speak
 * {@code turns} prompts (cycling through {@code prompts}), each time waiting for the agent's reply
 * to start and end, then pause and speak again; then hang up.
 *
 * @param speechRms          the level above which received audio counts as the agent speaking
 * @param replyEndSilenceMillis how long the agent must stay quiet for its reply to count as ended
 * @param network            what the network does to the call's media (the packet engine applies it)
 * @param bargeIn            the turns spoken over the agent's reply to the turn before
 * @param backchannel        the replies the caller says something short during, and {@code backchannelClip} what
 */
public record Conversation(boolean awaitGreeting, List<SpeechClip> prompts, int turns, long replyTimeoutMillis,
                           long pauseMillis, long mediaTimeoutMillis, double speechRms, long replyEndSilenceMillis,
                           Impairment network, BargeIn bargeIn, Backchannel backchannel, SpeechClip backchannelClip) {

    /** A conversation over an unimpaired network, where the caller waits for every reply to end. */
    public Conversation(boolean awaitGreeting, List<SpeechClip> prompts, int turns, long replyTimeoutMillis, long pauseMillis,
                        long mediaTimeoutMillis, double speechRms, long replyEndSilenceMillis) {
        this(awaitGreeting, prompts, turns, replyTimeoutMillis, pauseMillis, mediaTimeoutMillis, speechRms, replyEndSilenceMillis,
                Impairment.NONE, BargeIn.NONE, Backchannel.NONE, prompts.get(0));
    }

    public Conversation {
        prompts = List.copyOf(prompts);
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one prompt");
        }
    }

    /** The same conversation over that network. */
    public Conversation withNetwork(Impairment over) {
        return new Conversation(awaitGreeting, prompts, turns, replyTimeoutMillis, pauseMillis, mediaTimeoutMillis, speechRms,
                replyEndSilenceMillis, over, bargeIn, backchannel, backchannelClip);
    }

    /** The same conversation, its turns spoken over the agent as {@code turnsOver} says. */
    public Conversation withBargeIn(BargeIn turnsOver) {
        return new Conversation(awaitGreeting, prompts, turns, replyTimeoutMillis, pauseMillis, mediaTimeoutMillis, speechRms,
                replyEndSilenceMillis, network, turnsOver, backchannel, backchannelClip);
    }

    /** The same conversation, the caller saying {@code clip} during the replies {@code during} names. */
    public Conversation withBackchannel(Backchannel during, SpeechClip clip) {
        return new Conversation(awaitGreeting, prompts, turns, replyTimeoutMillis, pauseMillis, mediaTimeoutMillis, speechRms,
                replyEndSilenceMillis, network, bargeIn, during, clip);
    }

    public SpeechClip prompt(int turn) {
        return prompts.get(turn % prompts.size());
    }
}

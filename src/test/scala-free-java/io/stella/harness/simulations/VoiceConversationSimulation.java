package io.stella.harness.simulations;

import io.stella.harness.api.StellaSimulation;
import io.stella.harness.api.SimulationNames;
import io.stella.harness.api.BackendChains;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.stella.harness.latency.VoiceMetrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Callers who talk, over real media: each logs in, creates a session, joins its LiveKit room with a
 * microphone, hears the agent's greeting, speaks the profile's prompts turn by turn and waits for
 * each reply, hangs up and ends the session. Callers arrive at the profile's rate (open model); a
 * call lasts as long as its conversation. Judged on what a caller hears: voice to voice, time to
 * greeting, media setup, and calls that failed, went unanswered or lost their audio.
 */
public class VoiceConversationSimulation extends StellaSimulation {

    static final String DEFAULT_PROFILE = "voice-media";
    static final String CONVERSATION = "voiceConversation";

    static final SimulationNames NAMES = SimulationNames.scenarios(CONVERSATION).requests(requestNames());

    public VoiceConversationSimulation() {
        super(DEFAULT_PROFILE, NAMES);

        ScenarioBuilder conversation = scenario(CONVERSATION)
                .exec(backend().token(), backend().createSession())
                .exitHereIfFailed()
                .exec(media().call())
                .exec(backend().endSession());

        setUpFromProfile(conversation);
    }

    private static Set<String> requestNames() {
        Set<String> names = new HashSet<>(Set.of(BackendChains.TOKEN, BackendChains.CREATE_SESSION, BackendChains.END_SESSION));
        names.addAll(VoiceMetrics.NAMES);
        return names;
    }
}

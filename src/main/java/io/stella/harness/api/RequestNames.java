package io.stella.harness.api;

import io.gatling.http.request.builder.HttpRequestBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The name an HTTP request was given in {@code http(NAME)}, so that timing it needs the name written
 * only once. Read once, as the simulation is built, through the DSL's public bridge to the engine
 * ({@code asScala()}): a name written as text is an expression that does not read the session it is
 * given, so none is made up for it; a name that depends on the session cannot be timed under one name.
 */
final class RequestNames {

    private RequestNames() {
    }

    static String of(HttpRequestActionBuilder request) {
        HttpRequestBuilder engine = (HttpRequestBuilder) request.asScala();
        scala.Option<String> name;
        try {
            name = engine.commonAttributes().requestName().apply(null).toOption();
        } catch (RuntimeException readsTheSession) {
            name = scala.Option.empty();
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a timed request needs a fixed name, e.g. http(\"getSession\")");
        }
        return name.get();
    }
}

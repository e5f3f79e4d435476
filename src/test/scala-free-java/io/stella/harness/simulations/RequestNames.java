package io.stella.harness.simulations;

import io.gatling.http.request.builder.RequestBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.lang.reflect.Field;

/**
 * The name an HTTP request was given in {@code http(NAME)}, so that timing it needs the name written
 * only once. Gatling's Java DSL keeps the request in a package-private field of its builder; the name
 * is read from there once, when the simulation is built (Gatling is pinned in pom.xml, and every
 * end-to-end test runs through here).
 */
final class RequestNames {

    private static final Field WRAPPED = wrappedField();

    private RequestNames() {
    }

    static String of(HttpRequestActionBuilder request) {
        try {
            RequestBuilder<?> wrapped = (RequestBuilder<?>) WRAPPED.get(request);
            scala.Option<String> name = wrapped.commonAttributes().requestName()
                    .apply(io.gatling.core.session.Session$.MODULE$.apply("", 0L, null)).toOption();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a timed request needs a fixed name, e.g. http(\"getSession\")");
            }
            return name.get();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the request's name from Gatling's builder", e);
        }
    }

    private static Field wrappedField() {
        try {
            Field field = io.gatling.javaapi.http.RequestActionBuilder.class.getDeclaredField("wrapped");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this Gatling's Java DSL keeps its request elsewhere", e);
        }
    }
}

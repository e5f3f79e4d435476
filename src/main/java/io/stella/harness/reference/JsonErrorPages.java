package io.stella.harness.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's own error answers (a URI it cannot route, a method or body it refuses before Javalin sees
 * the request) in the target's JSON error shape instead of an HTML page: a client of the API must
 * be able to read every error the same way.
 */
final class JsonErrorPages extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws JsonProcessingException {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        byte[] body = JSON.writeValueAsBytes(new ApiErrors.ErrorBody(ApiErrors.nameOf(status),
                message == null ? "HTTP " + status : message.toString()));
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}

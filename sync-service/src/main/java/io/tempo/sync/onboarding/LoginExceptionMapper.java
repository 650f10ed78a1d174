package io.tempo.sync.onboarding;

import io.tempo.common.error.ErrorEnvelope;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a failed login with the error envelope and the status the failure chose. */
public class LoginExceptionMapper {

    @ServerExceptionMapper
    public Response loginFailed(LoginFailedException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(ErrorEnvelope.failure(e.getMessage())).build();
    }
}

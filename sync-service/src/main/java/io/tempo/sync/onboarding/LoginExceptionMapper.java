package io.tempo.sync.onboarding;

import io.tempo.sync.api.ErrorEnvelope;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a failed login with the error envelope and the status the failure chose. */
public class LoginExceptionMapper {

    @ServerExceptionMapper
    public Response loginFailed(LoginFailedException e) {
        return ErrorEnvelope.response(e.status(), e.getMessage());
    }
}

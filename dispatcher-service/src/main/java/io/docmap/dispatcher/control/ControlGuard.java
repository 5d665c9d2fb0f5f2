package io.docmap.dispatcher.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

/** Decides whether a control call carries the configured credential. */
@ApplicationScoped
public class ControlGuard {

    private final ControlConfig config;

    public ControlGuard(ControlConfig config) {
        this.config = config;
    }

    /** Why the call is refused, or empty when its {@code Authorization} header holds the control token. */
    public Optional<String> refusal(String authorization) {
        Optional<String> token = config.token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return Optional.of("control is disabled: set DOCMAP_CONTROL_TOKEN");
        }
        if (authorization == null) {
            return Optional.of("a control credential is required (Authorization: Bearer …)");
        }
        return sameSecret(authorization, "Bearer " + token.get())
                ? Optional.empty()
                : Optional.of("the control credential is wrong");
    }

    /** Compares in constant time, so that timing does not reveal how much of a guess was right. */
    private static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

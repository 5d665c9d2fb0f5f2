package io.docmap.dispatcher.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jakarta.enterprise.context.ApplicationScoped;

/** Decides whether a call carries a credential its access allows. */
@ApplicationScoped
public class ControlGuard {

    private final ControlConfig config;

    public ControlGuard(ControlConfig config) {
        this.config = config;
    }

    /** Why the call is refused, or empty when its {@code Authorization} header holds a token that allows it. */
    public Optional<String> refusal(String authorization, Access access) {
        List<String> allowed = Stream.of(
                        config.token(), access == Access.READ ? config.readToken() : Optional.<String>empty())
                .flatMap(Optional::stream)
                .filter(t -> !t.isBlank())
                .toList();
        if (allowed.isEmpty()) {
            return Optional.of(
                    access == Access.READ
                            ? "reading is disabled: set DOCMAP_READ_TOKEN or DOCMAP_CONTROL_TOKEN"
                            : "control is disabled: set DOCMAP_CONTROL_TOKEN");
        }
        if (authorization == null) {
            return Optional.of("a credential is required (Authorization: Bearer …)");
        }
        // Every token is compared, so that timing does not tell which one came close.
        boolean matches = false;
        for (String token : allowed) {
            matches |= sameSecret(authorization, "Bearer " + token);
        }
        return matches ? Optional.empty() : Optional.of("the credential is wrong");
    }

    /** Compares in constant time, so that timing does not reveal how much of a guess was right. */
    private static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}

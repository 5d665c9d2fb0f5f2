package io.docmap.dispatcher.control;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Who may control a run, under {@code docmap.control}. */
@ConfigMapping(prefix = "docmap.control")
public interface ControlConfig {

    /** Bearer token required by every mutating call (pause, resume, retry); set it from a Secret. Unset: they all get 401. */
    Optional<String> token();
}

package io.docmap.dispatcher.control;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Who may read and control a run, under {@code docmap.control}. */
@ConfigMapping(prefix = "docmap.control")
public interface ControlConfig {

    /**
     * Bearer token required by every call that changes the run (pause, resume, retry); it reads too. Set it from a
     * Secret. Unset: those calls all get 401.
     */
    Optional<String> token();

    /**
     * Bearer token that only reads (progress, failures), for dashboards and people who watch. Unset: reads need the
     * control token, and with neither set they all get 401.
     */
    Optional<String> readToken();
}

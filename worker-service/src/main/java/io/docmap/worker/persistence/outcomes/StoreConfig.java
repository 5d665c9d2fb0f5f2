package io.docmap.worker.persistence.outcomes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the worker writes results, under {@code docmap.store}. */
@ConfigMapping(prefix = "docmap.store")
public interface StoreConfig {

    /** json, or comma for readers of the old pipeline's format (README, "Adopting the old pipeline's database"). */
    @WithDefault("json")
    ListFormat listFormat();
}

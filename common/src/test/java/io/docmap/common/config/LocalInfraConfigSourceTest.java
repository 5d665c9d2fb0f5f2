package io.docmap.common.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalInfraConfigSourceTest {

    @TempDir
    Path home;

    @Test
    void devModeReadsTheAddressesTheInfrastructureChose() throws Exception {
        infra();

        var source = new LocalInfraConfigSource(LaunchMode.DEVELOPMENT, Optional.of(home));

        assertThat(source.getValue("DOCMAP_KAFKA_BOOTSTRAP")).isEqualTo("127.0.0.1:9094");
        assertThat(source.getValue("DOCMAP_DB_PORT")).isEqualTo("3307");
        assertThat(source.getValue("DOCMAP_DB_PASSWORD")).isEqualTo("secret");
        assertThat(source.getOrdinal())
                .as("below the environment and application.properties")
                .isLessThan(100);
    }

    @Test
    void otherModesAndMissingFilesGiveNothing() throws Exception {
        assertThat(new LocalInfraConfigSource(LaunchMode.DEVELOPMENT, Optional.of(home)).getPropertyNames())
                .isEmpty();
        infra();
        assertThat(new LocalInfraConfigSource(LaunchMode.NORMAL, Optional.of(home)).getPropertyNames())
                .isEmpty();
        assertThat(new LocalInfraConfigSource(LaunchMode.TEST, Optional.of(home)).getPropertyNames())
                .isEmpty();
    }

    private void infra() throws Exception {
        Files.createDirectories(home.resolve("kafka"));
        Files.writeString(home.resolve("kafka/bootstrap"), "127.0.0.1:9094\n");
        Files.writeString(
                home.resolve("db.env"),
                "DOCMAP_DB_HOST=127.0.0.1\nDOCMAP_DB_PORT=3307\nDOCMAP_DB_USER=docmap\nDOCMAP_DB_PASSWORD=secret\n");
    }
}

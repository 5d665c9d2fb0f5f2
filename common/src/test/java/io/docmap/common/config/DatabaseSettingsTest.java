package io.docmap.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSettingsTest {

    @TempDir
    Path dir;

    @Test
    void noSettingMeansTheLocalDatabaseUnencrypted() {
        DatabaseSettings settings = DatabaseSettings.from(name -> null);

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/docmap");
        assertThat(settings.reactiveUrl()).isEqualTo("mysql://127.0.0.1:3306/docmap");
        assertThat(settings.reactiveTls())
                .containsEntry("docmap.db.ssl-mode", "disabled")
                .containsEntry("docmap.db.trust-all", "false")
                .containsEntry("docmap.db.trust-ca", "false")
                .doesNotContainKey("docmap.db.ca");
    }

    @Test
    void verifyFullGivesBothClientsTheCaAndTheHostCheck() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        DatabaseSettings settings = DatabaseSettings.from(env(Map.of(
                "DOCMAP_DB_HOST", "db.example",
                "DOCMAP_DB_TLS", "verify-full",
                "DOCMAP_DB_TLS_CA", ca.toString())));

        assertThat(settings.jdbcUrl())
                .isEqualTo("jdbc:mariadb://db.example:3306/docmap?sslMode=verify-full&serverSslCert=" + ca);
        assertThat(settings.reactiveTls())
                .containsEntry("docmap.db.ssl-mode", "verify-identity")
                .containsEntry("docmap.db.trust-ca", "true")
                .containsEntry("docmap.db.ca", ca.toString())
                .containsEntry("docmap.db.hostname-verification", "HTTPS")
                .containsEntry("docmap.db.trust-all", "false");
    }

    @Test
    void requiredEncryptsWithoutCheckingTheCertificate() {
        DatabaseSettings settings = DatabaseSettings.from(env(Map.of("DOCMAP_DB_TLS", "REQUIRED")));

        assertThat(settings.jdbcUrl()).endsWith("/docmap?sslMode=trust");
        assertThat(settings.reactiveTls())
                .containsEntry("docmap.db.ssl-mode", "required")
                .containsEntry("docmap.db.trust-all", "true");
    }

    @Test
    void mySql8KeyOptionsReachTheJdbcUrl() throws IOException {
        Path key = Files.writeString(dir.resolve("public_key.pem"), "-----BEGIN PUBLIC KEY-----\n");
        DatabaseSettings settings = DatabaseSettings.from(
                env(Map.of("DOCMAP_DB_SERVER_PUBLIC_KEY", key.toString(), "DOCMAP_DB_PUBLIC_KEY_RETRIEVAL", "true")));

        assertThat(settings.jdbcUrl())
                .endsWith("/docmap?serverRsaPublicKeyFile=" + key + "&allowPublicKeyRetrieval=true");
    }

    @Test
    void aBadSettingIsRefusedByName() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        assertThatThrownBy(() -> DatabaseSettings.from(env(Map.of("DOCMAP_DB_TLS", "yes"))))
                .hasMessageContaining("DOCMAP_DB_TLS=yes is not a mode");
        assertThatThrownBy(() -> DatabaseSettings.from(env(Map.of("DOCMAP_DB_TLS", "verify-ca"))))
                .hasMessageContaining("DOCMAP_DB_TLS_CA");
        assertThatThrownBy(() -> DatabaseSettings.from(env(Map.of("DOCMAP_DB_TLS_CA", ca.toString()))))
                .hasMessageContaining("DOCMAP_DB_TLS_CA is only read with DOCMAP_DB_TLS=verify-ca or verify-full");
        assertThatThrownBy(() -> DatabaseSettings.from(env(Map.of(
                        "DOCMAP_DB_TLS",
                        "verify-ca",
                        "DOCMAP_DB_TLS_CA",
                        dir.resolve("none").toString()))))
                .hasMessageContaining("is not a readable file");
        assertThatThrownBy(() -> DatabaseSettings.from(env(Map.of("DOCMAP_DB_PORT", "33o6"))))
                .hasMessageContaining("DOCMAP_DB_PORT=33o6 is not a port");
        assertThatThrownBy(() -> DatabaseSettings.from(env(Map.of("DOCMAP_DB_PUBLIC_KEY_RETRIEVAL", "1"))))
                .hasMessageContaining("is not true or false");
    }

    @Test
    void thePasswordStaysOutOfTheDescription() {
        DatabaseSettings settings = DatabaseSettings.from(env(Map.of("DOCMAP_DB_PASSWORD", "s3cret")));

        assertThat(settings.toString()).doesNotContain("s3cret").contains("127.0.0.1:3306/docmap as docmap");
    }

    @Test
    void theFactoryReadsTheSettingsFromAnyConfigSource() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of("DOCMAP_DB_HOST", "db.example", "DOCMAP_DB_TLS", "required"), "test", 300))
                .withSources(new DatabaseConfigSourceFactory())
                .build();

        assertThat(config.getRawValue(DatabaseConfigSourceFactory.JDBC_URL))
                .isEqualTo("jdbc:mariadb://db.example:3306/docmap?sslMode=trust");
        assertThat(config.getRawValue("docmap.db.trust-all")).isEqualTo("true");
        assertThat(config.getRawValue("docmap.db.reactive-url")).isEqualTo("mysql://db.example:3306/docmap");
    }

    private static Function<String, String> env(Map<String, String> values) {
        return new HashMap<>(values)::get;
    }
}

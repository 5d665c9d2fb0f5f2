package io.docmap.admin;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.docmap.testing.SecuredDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** check and migrate reach a server that takes TLS only, with the services' own DOCMAP_DB_* settings. */
class SecuredCheckTest {

    private static final SecuredDatabase SERVER = new SecuredDatabase();
    private static Map<String, String> env;

    @BeforeAll
    static void start() {
        env = SERVER.start();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void checkAndMigrateConnectWithTheTlsSettings() {
        assertThat(Admin.run(new String[] {"migrate"}, env)).isZero();
        assertThat(Admin.run(new String[] {"check"}, env)).isZero();
    }

    @Test
    void withoutThemTheServerRefusesAndTheCommandCouldNotRun() {
        Map<String, String> plain = new HashMap<>(env);
        plain.remove("DOCMAP_DB_TLS");
        plain.remove("DOCMAP_DB_TLS_CA");

        assertThat(Admin.run(new String[] {"check"}, plain)).isEqualTo(2);
    }

    @Test
    void aBadSettingIsRefusedBeforeAnyConnection() {
        Map<String, String> bad = new HashMap<>(env);
        bad.put("DOCMAP_DB_TLS", "on");

        assertThat(Admin.run(new String[] {"check"}, bad)).isEqualTo(2);
    }
}

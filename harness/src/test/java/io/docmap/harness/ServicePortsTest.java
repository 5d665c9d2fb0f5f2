package io.docmap.harness;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServicePortsTest {

    @Test
    void theDocumentedPortsAreTheReadmesUnlessAVariableMovesThem() {
        assertThat(ServicePorts.documented(Map.of())).isEqualTo(new ServicePorts(8081, 8082, 8083));
        assertThat(ServicePorts.documented(Map.of("DOCMAP_DISPATCHER_PORT", "9081", "DOCMAP_MAPPER_PORT", "9083")))
                .isEqualTo(new ServicePorts(9081, 8082, 9083));
    }

    @Test
    void aValueThatIsNoPortIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ServicePorts.documented(Map.of("DOCMAP_WORKER_PORT", "80a")))
                .hasMessageContaining("DOCMAP_WORKER_PORT");
        assertThatThrownBy(() -> ServicePorts.documented(Map.of("DOCMAP_WORKER_PORT", "70000")))
                .hasMessageContaining("70000");
    }

    @Test
    void workersAfterTheFirstTakeThePortsAfterTheHighestOfTheThree() {
        ServicePorts ports = new ServicePorts(8081, 8082, 8083);
        assertThat(ports.ofWorker(0)).isEqualTo(8082);
        assertThat(ports.ofWorker(1)).isEqualTo(8084);
        assertThat(ports.ofWorker(2)).isEqualTo(8085);
    }

    @Test
    void aPortAnotherProgramHoldsIsRefusedNamingItAndTheVariableThatMovesIt() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = held.getLocalPort();
            ServicePorts ports = new ServicePorts(port, ServiceProcess.freePort(), ServiceProcess.freePort());
            assertThatThrownBy(() -> ports.requireFree(1, true))
                    .isInstanceOf(ServicePorts.PortTakenException.class)
                    .hasMessageContaining("port " + port + " is taken")
                    .hasMessageContaining("DOCMAP_DISPATCHER_PORT");
        }
        ServicePorts.ANY_FREE.requireFree(3, true);
    }
}

package io.docmap.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuBudgetTest {

    @Test
    void ceilingIsTheRateAtWhichEveryCoreWouldRunAtTheRunsCostPerDocument() {
        List<ServiceFigures> processes =
                List.of(new ServiceFigures("worker", 300, 30.0), new ServiceFigures("database server", 300, 10.0));

        CpuBudget budget = CpuBudget.of(processes, 100_000, 50.0);

        assertThat(budget.cpuMillisPerDocument()).isCloseTo(0.4, within(1e-9));
        assertThat(budget.busyCores()).isCloseTo(0.8, within(1e-9));
        assertThat(budget.ceilingDocsPerSecond()).isCloseTo(budget.cores() * 2_500.0, within(1e-6));
    }
}

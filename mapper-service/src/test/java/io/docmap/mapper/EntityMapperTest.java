package io.docmap.mapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

import io.docmap.common.mapper.MapperResult;
import io.docmap.mapper.gazetteer.Gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

class EntityMapperTest {

    private static final Gazetteer GAZETTEER =
            new Gazetteer(List.of("Hangzhou", "Alibaba"), Map.of("杭州", "Hangzhou", "阿里巴巴", "Alibaba", "阿里", "Alibaba"));

    private static EntityMapper mapper(boolean ner) {
        return new EntityMapper(GAZETTEER, new MapperConfig() {
            @Override
            public Optional<Path> gazetteerDir() {
                return Optional.empty();
            }

            @Override
            public boolean nerEnabled() {
                return ner;
            }

            @Override
            public Optional<MemorySize> requestMemory() {
                return Optional.empty();
            }
        });
    }

    @Test
    void itsVersionFollowsTheGazetteersContentAndTheNerSetting() {
        Map<String, String> aliases = Map.of("杭州", "Hangzhou");
        Gazetteer same = new Gazetteer(List.of("Hangzhou", "Alibaba"), aliases);
        Gazetteer gained = new Gazetteer(List.of("Hangzhou", "Alibaba", "Ningbo"), aliases);
        Gazetteer lost = new Gazetteer(List.of("Hangzhou"), aliases);
        Gazetteer aliasChanged = new Gazetteer(List.of("Hangzhou", "Alibaba"), Map.of("杭州市", "Hangzhou"));

        assertThat(new Gazetteer(List.of("Hangzhou", "Alibaba"), aliases).digest())
                .isEqualTo(same.digest());
        assertThat(List.of(same.digest(), gained.digest(), lost.digest(), aliasChanged.digest()))
                .doesNotHaveDuplicates();
        assertThat(mapper(false).version()).isEqualTo("reference-" + GAZETTEER.digest());
        assertThat(mapper(true).version()).isEqualTo(mapper(false).version() + "-ner");
    }

    @Test
    void canonicalNamesComeOnceInOrderOfFirstAppearance() {
        MapperResult result = mapper(false).map("d", "阿里和杭州，阿里巴巴 again in Hangzhou");
        assertThat(result.docId()).isEqualTo("d");
        assertThat(result.entList()).containsExactly("阿里", "杭州", "阿里巴巴", "Hangzhou");
        assertThat(result.mappedEnt()).containsExactly("Alibaba", "Hangzhou");
    }

    @Test
    void nerAddsNamesTheGazetteerLacksWithoutOverlappingItsMatches() {
        MapperResult result = mapper(true).map("d", "王小明在杭州见到了张伟。");
        assertThat(result.entList()).containsSubsequence("王小明", "杭州", "张伟");
        assertThat(result.entList()).doesNotHaveDuplicates();
        assertThat(result.mappedEnt()).contains("Hangzhou", "王小明", "张伟");
    }

    @Test
    void aTextThatNamesOneCityAMillionTimesAnswersWithItOnce() {
        MapperResult result = mapper(false).map("d", "杭州和Hangzhou ".repeat(1_000_000));
        assertThat(result.entList()).containsExactly("杭州", "Hangzhou");
        assertThat(result.mappedEnt()).containsExactly("Hangzhou");
    }
}

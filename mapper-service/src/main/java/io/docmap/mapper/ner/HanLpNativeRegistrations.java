package io.docmap.mapper.ner;

import com.hankcs.hanlp.corpus.io.FileIOAdapter;
import com.hankcs.hanlp.corpus.io.ResourceIOAdapter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What HanLP reaches by reflection or Java serialization, registered for the native image. Its bytecode holds two
 * such places on the NER path (and no class generation: {@code NoRuntimeClassGenerationTest}):
 *
 * <ul>
 *   <li>{@code HanLP$Config}'s static initializer instantiates the class a {@code hanlp.properties} names as
 *       {@code IOAdapter}, by {@code Class.forName(…).getConstructor().newInstance()}. docmap ships no such file
 *       (HanLP then runs portable, on {@link ResourceIOAdapter}), but a user may add one naming either adapter.
 *   <li>{@code CharTable.loadBin} reads a {@code char[]} with {@code ObjectInputStream}, when HanLP's
 *       {@code Normalization} is on.
 * </ul>
 *
 * The data NER reads is listed in {@code quarkus.native.resources.includes} ({@code NerResourcesTest}).
 */
final class HanLpNativeRegistrations {

    private HanLpNativeRegistrations() {}

    @RegisterForReflection(
            targets = {ResourceIOAdapter.class, FileIOAdapter.class},
            fields = false)
    static final class IoAdapters {}

    @RegisterForReflection(targets = char[].class, serialization = true)
    static final class CharTableArray {}
}

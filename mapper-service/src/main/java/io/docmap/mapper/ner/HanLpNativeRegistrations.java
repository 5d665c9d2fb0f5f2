package io.docmap.mapper.ner;

import com.hankcs.hanlp.collection.trie.DoubleArrayTrie;
import com.hankcs.hanlp.corpus.io.FileIOAdapter;
import com.hankcs.hanlp.corpus.io.ResourceIOAdapter;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What HanLP reaches by reflection or Java serialization, registered for the native image. The classes NER loads
 * hold these places ({@code NoRuntimeClassGenerationTest} lists them from the bytecode, and fails on a new one):
 *
 * <ul>
 *   <li>{@code HanLP$Config}'s static initializer instantiates the class a {@code hanlp.properties} names as
 *       {@code IOAdapter}, by {@code Class.forName(…).getConstructor().newInstance()}. docmap ships no such file
 *       (HanLP then runs portable, on {@link ResourceIOAdapter}), but a user may add one naming either adapter.
 *   <li>{@code CoreBiGramTableDictionary.loadDat} reads the bigram table ({@code …ngram.mini.txt.table.bin}) as two
 *       {@code int[]} with {@code ObjectInputStream}; {@code DoubleArrayTrie.unSerialize} reads a whole
 *       {@link DoubleArrayTrie}; {@code CharTable.loadBin}, off the NER path unless HanLP's {@code Normalization} is
 *       on, a {@code char[]}.
 *   <li>Their {@code ObjectOutputStream} twins write caches, which the portable adapter refuses: nothing to register.
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

    @RegisterForReflection(
            targets = {int[].class, char[].class, DoubleArrayTrie.class},
            serialization = true)
    static final class SerializedTables {}
}

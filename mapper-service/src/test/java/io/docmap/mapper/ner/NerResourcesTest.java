package io.docmap.mapper.ner;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.corpus.io.IIOAdapter;
import com.hankcs.hanlp.corpus.io.ResourceIOAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HanLP data the native image bundles is what NER opens: every file it reads on texts that exercise names,
 * places, organisations, traditional characters and mixed scripts is in {@code quarkus.native.resources.includes},
 * and nothing else of HanLP's 25 MB of {@code data/} is.
 */
class NerResourcesTest {

    private static final List<String> TEXTS = List.of(
            "腾讯控股有限公司的马化腾在深圳市南山区宣布，阿里巴巴集团和北京大学将合作。",
            "張三與李四在臺北市的中華電信公司見面，王小明從上海浦東新區趕來。",
            "Apple 和 华为技术有限公司 在 2024 年于杭州西湖区签约，金额 ¥3,000 万元。",
            "欧阳娜娜、司马相如和诸葛亮访问了美国纽约州与日本东京都的联合国教科文组织。");

    @Test
    void theBundledDataIsExactlyWhatNerReads() throws Exception {
        List<String> read = readByNer();
        List<String> includes = includes();

        assertThat(read).as("HanLP data NER read").isNotEmpty();
        assertThat(read).as("data NER reads, bundled in the native image").allMatch(path -> includes.stream()
                .anyMatch(glob -> matches(glob, path)));
        assertThat(includes)
                .as("every include of HanLP data names a file NER reads")
                .filteredOn(glob -> glob.startsWith("data/"))
                .allMatch(glob -> read.stream().anyMatch(path -> matches(glob, path)));
    }

    /**
     * The data files a fresh HanLP opens to segment the texts as {@link ChineseNer} does. HanLP keeps its dictionaries
     * in static fields, so it is loaded anew in a class loader of its own, with an IO adapter that records each path
     * and opens it from the jar as the portable HanLP does.
     */
    private static List<String> readByNer() throws Exception {
        Set<String> opened = new ConcurrentSkipListSet<>();
        URL jar = HanLP.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader())) {
            Class<?> adapterType = fresh.loadClass(IIOAdapter.class.getName());
            Object resources = fresh.loadClass(ResourceIOAdapter.class.getName())
                    .getConstructor()
                    .newInstance();
            Object recording = Proxy.newProxyInstance(fresh, new Class<?>[] {adapterType}, (proxy, method, args) -> {
                if (method.getName().equals("open")) {
                    opened.add((String) args[0]);
                }
                return method.invoke(resources, args);
            });
            Class<?> hanLp = fresh.loadClass(HanLP.class.getName());
            fresh.loadClass(HanLP.Config.class.getName()).getField("IOAdapter").set(null, recording);
            Object segment = hanLp.getMethod("newSegment").invoke(null);
            for (String enable : List.of(
                    "enableNameRecognize", "enablePlaceRecognize", "enableOrganizationRecognize", "enableOffset")) {
                segment = segment.getClass().getMethod(enable, boolean.class).invoke(segment, true);
            }
            for (String text : TEXTS) {
                segment.getClass().getMethod("seg", String.class).invoke(segment, text);
            }
            return opened.stream()
                    .filter(path -> fresh.getResource(path) != null)
                    .toList();
        }
    }

    private static boolean matches(String glob, String path) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return matcher.matches(Path.of(path));
    }

    private static List<String> includes() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return Arrays.stream(properties
                        .getProperty("quarkus.native.resources.includes")
                        .split(","))
                .map(String::trim)
                .toList();
    }
}

package io.docmap.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

import io.docmap.testing.LocalInfra;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a native image must know at build time, read from the bytecode. A native image cannot define classes at run
 * time, and sees reflection and Java serialization only where they are registered. Quarkus extensions take care of
 * their own; what no extension covers is docmap's code and the libraries it brings that are not extensions (HanLP).
 * This reads their bytecode and lists every call into an API that defines classes, every reference to a bytecode
 * library, and every reflective or serializing call.
 */
class NoRuntimeClassGenerationTest {

    private static final Path ROOT = LocalInfra.root();
    private static final List<String> MODULES =
            List.of("common", "mapper-service", "worker-service", "dispatcher-service");
    /** Non-extension libraries on the services' class path, by file name. */
    private static final List<String> PLAIN_LIBRARIES = List.of("hanlp");

    private static final Set<String> DEFINING_METHODS = Set.of(
            "java/lang/reflect/Proxy.newProxyInstance",
            "java/lang/reflect/Proxy.getProxyClass",
            "java/lang/invoke/MethodHandles$Lookup.defineClass",
            "java/lang/invoke/MethodHandles$Lookup.defineHiddenClass",
            "sun/misc/Unsafe.defineClass",
            "sun/misc/Unsafe.defineAnonymousClass",
            "javax/tools/ToolProvider.getSystemJavaCompiler",
            "javax/script/ScriptEngineManager.<init>");
    private static final List<String> BYTECODE_LIBRARIES = List.of(
            "net/bytebuddy/",
            "javassist/",
            "net/sf/cglib/",
            "org/springframework/cglib/",
            "org/objectweb/asm/",
            "org/codehaus/janino/");

    @Test
    void noServiceCodeOrPlainLibraryDefinesClassesAtRunTime() throws IOException {
        Set<String> found = new TreeSet<>();
        int[] classes = {0};
        Consumer<InputStream> scan = in -> {
            classes[0]++;
            found.addAll(classGeneration(in));
        };
        for (String module : MODULES) {
            Path dir = ROOT.resolve(module).resolve("target/classes");
            assertThat(dir).as("%s is compiled", module).isDirectory();
            scanDirectory(dir, scan);
        }
        List<Path> libraries = plainLibraries();
        assertThat(libraries).as("the mapper's HanLP jar").hasSameSizeAs(PLAIN_LIBRARIES);
        for (Path jar : libraries) {
            scanJar(jar, scan);
        }

        assertThat(classes[0]).as("classes read").isGreaterThan(500);
        assertThat(found).as("class generation found").isEmpty();
    }

    /**
     * Every place in docmap's code, and in the HanLP classes that NER loads, that reaches a class, a member, an object
     * or a resource by name at run time: reflection ({@code Class.forName}, {@code getDeclared*}, {@code getMethod}…),
     * Java serialization and class-path resources. A native image sees none of them unless they are registered or
     * bundled; each one found here is, and says where. A new one fails this test until it is handled and listed.
     */
    @Test
    void everyLookupByNameIsRegisteredOrBundled() throws Exception {
        Set<String> found = new TreeSet<>();
        for (String module : MODULES) {
            scanDirectory(ROOT.resolve(module).resolve("target/classes"), in -> found.addAll(reflection(in)));
        }
        Path hanlp = plainLibraries().get(0);
        try (JarFile jar = new JarFile(hanlp.toFile())) {
            for (String name : classesNerLoads(hanlp)) {
                try (InputStream in = jar.getInputStream(jar.getEntry(name.replace('.', '/') + ".class"))) {
                    found.addAll(reflection(in));
                }
            }
        }

        assertThat(found)
                .as("reflective, serializing and resource-reading calls")
                .isEqualTo(REGISTERED_REFLECTION.keySet());
    }

    /** The lookups by name found, and where each is registered or bundled for the native image. */
    private static final String REGISTRATIONS = "mapper-service HanLpNativeRegistrations";

    private static final Map<String, String> REGISTERED_REFLECTION = Map.ofEntries(
            Map.entry(
                    "com/hankcs/hanlp/HanLP$Config.<clinit> calls java/lang/Class.forName",
                    REGISTRATIONS + ".IoAdapters"),
            Map.entry(
                    "com/hankcs/hanlp/HanLP$Config.<clinit> calls java/lang/Class.getConstructor",
                    REGISTRATIONS + ".IoAdapters"),
            Map.entry(
                    "com/hankcs/hanlp/dictionary/CoreBiGramTableDictionary.loadDat calls java/io/ObjectInputStream.<init>",
                    REGISTRATIONS + ".SerializedTables (int[])"),
            Map.entry(
                    "com/hankcs/hanlp/collection/trie/DoubleArrayTrie.unSerialize calls java/io/ObjectInputStream.<init>",
                    REGISTRATIONS + ".SerializedTables (DoubleArrayTrie)"),
            Map.entry(
                    "com/hankcs/hanlp/corpus/io/IOUtil.readObjectFrom calls java/io/ObjectInputStream.<init>",
                    "called by CorpusLoader only, which NER does not load"),
            Map.entry(
                    "com/hankcs/hanlp/collection/trie/DoubleArrayTrie.serializeTo calls java/io/ObjectOutputStream.<init>",
                    "writes a cache; the portable IO adapter refuses writes"),
            Map.entry(
                    "com/hankcs/hanlp/corpus/io/IOUtil.saveObjectTo calls java/io/ObjectOutputStream.<init>",
                    "writes a cache; the portable IO adapter refuses writes"),
            Map.entry(
                    "com/hankcs/hanlp/dictionary/CoreBiGramTableDictionary.saveDat calls java/io/ObjectOutputStream.<init>",
                    "writes a cache; the portable IO adapter refuses writes"),
            Map.entry(
                    "com/hankcs/hanlp/HanLP$Config.<clinit> calls java/lang/ClassLoader.getResourceAsStream",
                    "hanlp.properties: none is shipped, so HanLP runs portable; one of a user's own is theirs to include"),
            Map.entry(
                    "com/hankcs/hanlp/corpus/io/IOUtil.getResourceAsStream calls java/lang/Class.getResourceAsStream",
                    "the data NER reads: quarkus.native.resources.includes of mapper-service (NerResourcesTest)"),
            Map.entry(
                    "com/hankcs/hanlp/corpus/io/IOUtil.readBytesFromResource calls java/lang/Class.getResourceAsStream",
                    "the data NER reads: quarkus.native.resources.includes of mapper-service (NerResourcesTest)"),
            Map.entry(
                    "io/docmap/mapper/gazetteer/GazetteerLoader.openBundled calls java/lang/ClassLoader.getResourceAsStream",
                    "gazetteer/*.tsv in quarkus.native.resources.includes of mapper-service"));

    private static final Set<String> REFLECTIVE_METHODS = Set.of(
            "java/lang/Class.forName",
            "java/lang/Class.getDeclaredField",
            "java/lang/Class.getDeclaredFields",
            "java/lang/Class.getDeclaredMethod",
            "java/lang/Class.getDeclaredMethods",
            "java/lang/Class.getDeclaredConstructor",
            "java/lang/Class.getDeclaredConstructors",
            "java/lang/Class.getField",
            "java/lang/Class.getFields",
            "java/lang/Class.getMethod",
            "java/lang/Class.getMethods",
            "java/lang/Class.getConstructor",
            "java/lang/Class.getConstructors",
            "java/lang/ClassLoader.loadClass",
            "java/io/ObjectInputStream.<init>",
            "java/io/ObjectOutputStream.<init>",
            "java/lang/ClassLoader.getResource",
            "java/lang/ClassLoader.getResourceAsStream",
            "java/lang/ClassLoader.getResources",
            "java/lang/Class.getResource",
            "java/lang/Class.getResourceAsStream");

    private static Set<String> reflection(InputStream classFile) {
        Set<String> found = new TreeSet<>();
        try {
            ClassReader reader = new ClassReader(classFile);
            String self = reader.getClassName();
            reader.accept(
                    new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(
                                int access, String name, String descriptor, String signature, String[] exceptions) {
                            return new MethodVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitMethodInsn(
                                        int opcode, String owner, String callee, String desc, boolean itf) {
                                    if (REFLECTIVE_METHODS.contains(owner + "." + callee)) {
                                        found.add(self + "." + name + " calls " + owner + "." + callee);
                                    }
                                }
                            };
                        }
                    },
                    0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The HanLP classes a fresh class loader loads while segmenting a text as ChineseNer does. */
    private static Set<String> classesNerLoads(Path hanlp) throws Exception {
        Set<String> loaded = new TreeSet<>();
        try (URLClassLoader fresh =
                new URLClassLoader(new URL[] {hanlp.toUri().toURL()}, ClassLoader.getPlatformClassLoader()) {
                    @Override
                    protected Class<?> findClass(String name) throws ClassNotFoundException {
                        loaded.add(name);
                        return super.findClass(name);
                    }
                }) {
            Object segment = fresh.loadClass("com.hankcs.hanlp.HanLP")
                    .getMethod("newSegment")
                    .invoke(null);
            for (String enable : List.of(
                    "enableNameRecognize", "enablePlaceRecognize", "enableOrganizationRecognize", "enableOffset")) {
                segment = segment.getClass().getMethod(enable, boolean.class).invoke(segment, true);
            }
            segment.getClass().getMethod("seg", String.class).invoke(segment, "腾讯的马化腾在深圳市与北京大学签约。");
        }
        return loaded;
    }

    @Test
    void theScanSeesAProxy() throws IOException {
        String resource = ProxyMaker.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ProxyMaker.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(classGeneration(in))
                    .containsExactly(ProxyMaker.class.getName().replace('.', '/')
                            + " calls java/lang/reflect/Proxy.newProxyInstance");
        }
    }

    /** What one class file does that defines classes at run time, one line each. */
    private static Set<String> classGeneration(InputStream classFile) {
        Set<String> found = new TreeSet<>();
        try {
            ClassReader reader = new ClassReader(classFile);
            String self = reader.getClassName();
            Remapper watcher = new Remapper() {
                @Override
                public String mapMethodName(String owner, String name, String descriptor) {
                    String call = owner + "." + name;
                    if (DEFINING_METHODS.contains(call) || (name.equals("defineClass") && !owner.equals(self))) {
                        found.add(self + " calls " + call);
                    }
                    return name;
                }

                @Override
                public String map(String internalName) {
                    if (BYTECODE_LIBRARIES.stream().anyMatch(internalName::startsWith)) {
                        found.add(self + " uses " + internalName);
                    }
                    return internalName;
                }
            };
            reader.accept(new ClassRemapper(new EveryMethod(), watcher), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void scanDirectory(Path dir, Consumer<InputStream> scan) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    scan.accept(in);
                }
            }
        }
    }

    private static void scanJar(Path jar, Consumer<InputStream> scan) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entry : file.stream()
                    .filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/"))
                    .toList()) {
                try (InputStream in = file.getInputStream(entry)) {
                    scan.accept(in);
                }
            }
        }
    }

    private static List<Path> plainLibraries() throws IOException {
        Path lib = ROOT.resolve("mapper-service/target/quarkus-app/lib/main");
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(jar -> PLAIN_LIBRARIES.stream()
                            .anyMatch(name -> jar.getFileName().toString().contains(name)))
                    .toList();
        }
    }

    /** Visits every method body: a remapper only sees the instructions of methods its delegate visits. */
    private static final class EveryMethod extends ClassVisitor {
        EveryMethod() {
            super(Opcodes.ASM9);
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {};
        }
    }

    /** Makes a proxy, so that the scan is seen to catch one. */
    static final class ProxyMaker {
        static Runnable make() {
            return (Runnable) Proxy.newProxyInstance(
                    ProxyMaker.class.getClassLoader(), new Class<?>[] {Runnable.class}, (proxy, method, args) -> null);
        }
    }
}

package io.docmap.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * A native image cannot define classes at run time. Quarkus extensions move their own class generation to the
 * build; what no extension covers is docmap's code and the libraries it brings that are not extensions (HanLP). This
 * reads their bytecode and lists every call into an API that defines classes, and every reference to a bytecode
 * library.
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

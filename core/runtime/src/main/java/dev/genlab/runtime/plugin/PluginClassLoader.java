package dev.genlab.runtime.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class loader of one plugin jar or plugin directory. It sees the JDK, the genlab SPI and
 * {@code jakarta.inject} from genlab, and everything else from its own jars only — so a plugin's own
 * dependencies (another Guava, another Jackson) cannot clash with genlab's.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final List<String> SHARED_PACKAGES = List.of("dev.genlab.spi.", "jakarta.inject.");

    private final ClassLoader genlab;

    private PluginClassLoader(String name, URL[] urls, ClassLoader genlab) {
        super(name, urls, ClassLoader.getPlatformClassLoader());
        this.genlab = genlab;
    }

    static PluginClassLoader forUnit(Path unit, ClassLoader genlab) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (Files.isDirectory(unit)) {
            urls.add(unit.toUri().toURL()); // loose classes and resources
            try (Stream<Path> files = Files.list(unit)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(p.toUri().toURL());
                }
            }
        } else {
            urls.add(unit.toUri().toURL());
        }
        return new PluginClassLoader("genlab-plugin:" + unit.getFileName(), urls.toArray(URL[]::new), genlab);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String prefix : SHARED_PACKAGES) {
            if (name.startsWith(prefix)) {
                return genlab.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }

    boolean hasServiceFile() {
        for (PluginKind kind : PluginKind.values()) {
            if (findResource("META-INF/services/" + kind.serviceType().getName()) != null) {
                return true;
            }
        }
        return false;
    }
}

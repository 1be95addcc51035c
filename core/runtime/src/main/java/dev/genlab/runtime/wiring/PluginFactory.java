package dev.genlab.runtime.wiring;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.genlab.runtime.config.ConfigNames;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.plugin.PluginFailure;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.spi.PluginConfigException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/** Builds plugin implementations by constructor injection, each in a child injector that binds its config record. */
public final class PluginFactory {
    private final Injector injector;

    public PluginFactory(PluginRegistry registry) {
        this.injector = Guice.createInjector(Stage.PRODUCTION, new GenlabModule(registry));
    }

    public Injector injector() {
        return injector;
    }

    /**
     * The implementation of {@code spec} as a {@code type}; on a config problem the plugin reports, adds it to
     * {@code problems} (located in the experiment file) and returns null.
     */
    public <T> T create(PluginSpec spec, Class<T> type, Problems problems) {
        try {
            return build(spec, type, problems);
        } catch (RuntimeException | LinkageError e) {
            throw PluginFailure.of(spec.descriptor(), spec.name(), "construction", e);
        }
    }

    private <T> T build(PluginSpec spec, Class<T> type, Problems problems) {
        Class<?> impl = spec.descriptor().kind().implementation(spec.descriptor().plugin());
        if (!type.isAssignableFrom(impl)) {
            throw new IllegalStateException("it names " + impl.getName() + ", which does not implement " + type.getName());
        }
        Constructor<?> constructor = injectableConstructor(impl);
        try {
            Injector child = injector.createChildInjector(binder -> {
                bindConfig(binder, spec.config());
                bindImplementation(binder, impl, constructor);
            });
            return type.cast(child.getInstance(impl));
        } catch (ProvisionException | CreationException | ConfigurationException e) {
            PluginConfigException pce = find(e, PluginConfigException.class);
            if (pce != null) {
                problems.add(Problems.originOf(spec.block(), pce.key()), ConfigNames.join(spec.path(), pce.key()), pce.getMessage());
                return null;
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw PluginFailure.of(spec.descriptor(), spec.name(), "construction", root == e ? new IllegalStateException(e.getMessage(), e) : root);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void bindConfig(com.google.inject.Binder binder, Record config) {
        binder.bind((Class) config.getClass()).toInstance(config);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void bindImplementation(com.google.inject.Binder binder, Class<?> impl, Constructor<?> constructor) {
        if (constructor == null) {
            binder.bind(impl);
        } else {
            binder.bind((Class) impl).toConstructor((Constructor) constructor);
        }
    }

    /** null when the class has an @Inject constructor (Guice finds it); else its only public constructor. */
    private static Constructor<?> injectableConstructor(Class<?> impl) {
        for (Constructor<?> c : impl.getDeclaredConstructors()) {
            if (c.isAnnotationPresent(jakarta.inject.Inject.class) || c.isAnnotationPresent(com.google.inject.Inject.class)) {
                return null;
            }
        }
        List<Constructor<?>> publics = Arrays.stream(impl.getConstructors()).filter(c -> Modifier.isPublic(c.getModifiers())).toList();
        if (publics.size() != 1) {
            throw new IllegalStateException(impl.getName() + " needs a constructor annotated @jakarta.inject.Inject (or exactly one public constructor)");
        }
        return publics.get(0);
    }

    private static <E extends Throwable> E find(Throwable e, Class<E> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t instanceof ProvisionException pe) {
                for (Message m : pe.getErrorMessages()) {
                    if (type.isInstance(m.getCause())) {
                        return type.cast(m.getCause());
                    }
                }
            }
            if (t instanceof CreationException ce) {
                for (Message m : ce.getErrorMessages()) {
                    if (type.isInstance(m.getCause())) {
                        return type.cast(m.getCause());
                    }
                }
            }
        }
        return null;
    }
}

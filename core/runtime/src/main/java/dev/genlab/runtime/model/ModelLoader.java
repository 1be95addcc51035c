package dev.genlab.runtime.model;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.genlab.runtime.UserException;
import dev.genlab.runtime.config.ConfigErrors;
import dev.genlab.runtime.config.PluginSpec;
import dev.genlab.runtime.config.Problems;
import dev.genlab.runtime.config.RecordBinder;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginFailure;
import dev.genlab.runtime.plugin.PluginKind;
import dev.genlab.runtime.plugin.PluginRegistry;
import dev.genlab.runtime.wiring.PluginFactory;
import dev.genlab.spi.FittedModel;
import dev.genlab.spi.GenerativeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a saved model through the plugin that saved it: the plugin named by its {@link ModelCard}, at the same
 * version, built from the config it ran with, then {@link GenerativeModel#load(Path)}. A missing plugin or another
 * version is a user error naming what is needed and what is installed.
 */
public final class ModelLoader {
    private final PluginRegistry registry;

    public ModelLoader(PluginRegistry registry) {
        this.registry = registry;
    }

    /** A loaded model and what it is. */
    public record Loaded(ModelCard card, FittedModel model, Path directory) {
    }

    public Loaded load(Path directory) throws IOException {
        ModelCard card = ModelCard.read(directory);
        PluginDescriptor descriptor = registry.find(PluginKind.MODEL, card.pluginType());
        List<String> installed = registry.names(PluginKind.MODEL);
        if (descriptor == null) {
            throw new UserException("the model in " + directory + " needs model plugin '" + card.pluginType() + "' version " + card.pluginVersion()
                    + ", which is not installed (model types: " + (installed.isEmpty() ? "none" : String.join(", ", installed))
                    + "); add its jar with --plugins DIR or GENLAB_PLUGINS");
        }
        if (!descriptor.version().equals(card.pluginVersion())) {
            throw new UserException("the model in " + directory + " was saved by model plugin '" + card.pluginType() + "' version "
                    + card.pluginVersion() + ", but version " + descriptor.version() + " is installed (" + descriptor.origin()
                    + "); install version " + card.pluginVersion() + " (--plugins DIR) to load it");
        }
        Path configFile = directory.resolve(ModelCard.CONFIG_FILE);
        Config block;
        try {
            block = Files.isRegularFile(configFile) ? ConfigFactory.parseFile(configFile.toFile()).resolve() : ConfigFactory.empty();
        } catch (ConfigException e) {
            throw new UserException(configFile + ": " + e.getMessage());
        }
        Problems problems = new Problems();
        Record config = RecordBinder.bind(descriptor.plugin().configClass(), block.withoutPath("type"), descriptor.defaults(), "model",
                "model type '" + card.pluginType() + "'", problems);
        GenerativeModel model = null;
        if (config != null) {
            model = new PluginFactory(registry).create(new PluginSpec(descriptor, config, "model", card.pluginType(), block), GenerativeModel.class, problems);
        }
        try {
            problems.throwIfAny();
        } catch (ConfigErrors e) {
            throw new UserException("the model's config in " + configFile + " does not fit model plugin '" + card.pluginType() + "' "
                    + descriptor.version() + ":\n" + e.getMessage());
        }
        try {
            return new Loaded(card, model.load(directory), directory);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw PluginFailure.of(descriptor, "load", e); // names the plugin, its kind and its jar, as every plugin failure
        }
    }
}

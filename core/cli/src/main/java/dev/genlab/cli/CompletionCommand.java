package dev.genlab.cli;

import dev.genlab.runtime.plugin.PluginRegistry;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Parameters;

/**
 * A shell completion script from picocli's generator: commands, options, files for FILE and DIR arguments, and the
 * installed plugins' names for {@code genlab plugins NAME} (as installed when the script is made).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a completion script for bash or zsh: commands, options, plugin names, experiment files.%n"
                + "  bash: source <(genlab completion bash)     (or save it under ~/.local/share/bash-completion/completions/genlab)%n"
                + "  zsh:  source <(genlab completion zsh)")
final class CompletionCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Mixin
    CommonOptions common;

    enum Shell { bash, zsh }

    @Override
    public Integer call() {
        CommandLine cli = new CommandLine(new GenlabCommand());
        PluginRegistry registry = common.genlab().registry();
        TreeSet<String> names = new TreeSet<>(PluginsCommand.allNames(registry)); // plugins and sweep launchers
        CommandSpec plugins = cli.getSubcommands().get("plugins").getCommandSpec();
        for (PositionalParamSpec p : List.copyOf(plugins.positionalParameters())) {
            plugins.remove(p);
            plugins.addPositional(PositionalParamSpec.builder(p).completionCandidates(names).build());
        }
        String script = AutoComplete.bash("genlab", cli);
        if (shell == Shell.zsh) {
            // picocli's script is bash; zsh runs it through its bash completion layer
            script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        System.out.print(script);
        return Main.OK;
    }
}

package {{package}};

import dev.genlab.spi.{{Kind}}Plugin;
import dev.genlab.spi.{{Impl}};
import dev.genlab.spi.Modality;
import java.util.Set;
{{pluginImports}}
/**
 * The descriptor genlab finds through {@code META-INF/services/dev.genlab.spi.{{Kind}}Plugin}: a name (the {@code type}
 * in experiment files), a description, the data it handles, its config record and its implementation.
 */
public final class {{Name}}Plugin implements {{Kind}}Plugin {
    @Override
    public String name() {
        return "{{name}}";
    }

    @Override
    public String description() {
        return "{{description}}";
    }

    @Override
    public Set<Modality> modalities() {
        return Set.of(Modality.TABULAR);
    }

    @Override
    public Class<? extends Record> configClass() {
        return {{Name}}Config.class;
    }

    @Override
    public Class<? extends {{Impl}}> {{kindLower}}Class() {
        return {{Class}}.class;
    }
{{pluginMembers}}}

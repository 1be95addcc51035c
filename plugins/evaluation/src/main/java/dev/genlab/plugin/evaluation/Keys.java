package dev.genlab.plugin.evaluation;

import java.util.Locale;

/** Result keys: lower-case, '.'-separated, only characters MLflow accepts. */
final class Keys {
    private Keys() {
    }

    /**
     * A column or level name as one key segment: lower-case, with every character other than a–z, 0–9, '_' and '-'
     * replaced by '_' ('.' separates segments and '/' joins the parts of an intersection).
     */
    static String segment(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char ch = lower.charAt(i);
            out.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ? ch : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }
}

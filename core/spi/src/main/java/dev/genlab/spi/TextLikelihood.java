package dev.genlab.spi;

/**
 * Implemented by a {@link FittedModel} of text that can say how likely a text is (a character RNN, a GPT). Metrics
 * use it for held-out perplexity; models that only sample do not implement it.
 */
public interface TextLikelihood {
    /**
     * Scores every document of {@code corpus} from its start: the sum over its characters (in the model's token
     * unit) of {@code -ln p(token | preceding tokens)}, and how many tokens were scored. A character the model never
     * saw must still get a finite cost (e.g. through an unknown-token entry), never an exception.
     */
    NegativeLogLikelihood score(Corpus corpus);

    /** A total negative log-likelihood in nats over {@code tokens} tokens. */
    record NegativeLogLikelihood(double nats, long tokens) {
        public NegativeLogLikelihood {
            if (tokens < 0 || Double.isNaN(nats)) {
                throw new IllegalArgumentException("invalid likelihood: " + nats + " nats over " + tokens + " tokens");
            }
        }

        /** {@code exp(nats / tokens)}; NaN when nothing was scored. */
        public double perplexity() {
            return tokens == 0 ? Double.NaN : Math.exp(nats / tokens);
        }

        /** Mean bits per token; NaN when nothing was scored. */
        public double bitsPerToken() {
            return tokens == 0 ? Double.NaN : nats / tokens / Math.log(2);
        }
    }
}

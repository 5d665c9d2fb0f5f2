package io.docmap.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import net.datafaker.Faker;

/**
 * A realistic sample corpus: Chinese and English posts with people, companies and places from datafaker's zh-CN
 * and en locales, mixing in 1 to 2 names from the mapper's gazetteer (recorded with the document) and emoji. One in
 * ten documents mentions no gazetteer name on purpose. The same seed gives the same corpus.
 */
public final class Corpus {

    private static final String[] TOPICS_ZH = {
        "新能源汽车", "人工智能", "跨境电商", "芯片供应链", "城市更新", "短视频营销", "数字人民币", "碳中和", "旅游复苏", "直播带货"
    };
    private static final String[] TOPICS_EN = {
        "battery supply",
        "cloud computing",
        "a trade agreement",
        "chip exports",
        "electric buses",
        "a new data centre",
        "tourism",
        "climate targets",
        "streaming rights",
        "logistics"
    };
    private static final String[] EMOJI = {"😀", "🚀", "🔥", "👍", "🎉", "💡", "🌏", ""};

    private final GazetteerNames gazetteer;
    private final Random random;
    private final Faker zh;
    private final Faker en;

    public Corpus(GazetteerNames gazetteer, long seed) {
        this.gazetteer = gazetteer;
        this.random = new Random(seed);
        this.zh = new Faker(Locale.SIMPLIFIED_CHINESE, new Random(seed + 1));
        this.en = new Faker(Locale.ENGLISH, new Random(seed + 2));
    }

    /** The next {@code count} documents, with mids {@code prefix-<first>…}. */
    public List<CorpusDocument> next(String prefix, int first, int count) {
        List<CorpusDocument> documents = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            documents.add(document(prefix + "-" + i));
        }
        return documents;
    }

    private CorpusDocument document(String mid) {
        boolean chinese = random.nextInt(10) < 6;
        if (random.nextInt(10) == 0) {
            String text = chinese
                    ? zh.name().fullName() + "说：" + pick(TOPICS_ZH) + "还需要时间。" + pick(EMOJI)
                    : en.name().fullName() + " said " + pick(TOPICS_EN) + " needs more time. " + pick(EMOJI);
            return new CorpusDocument(mid, text, List.of());
        }
        List<String> names = chinese ? gazetteer.chinese() : gazetteer.latin();
        String first = names.get(random.nextInt(names.size()));
        String second = names.get(random.nextInt(names.size()));
        String text = chinese ? chineseText(first, second) : englishText(first, second);
        return new CorpusDocument(mid, text, List.of(gazetteer.canonicalOf(first), gazetteer.canonicalOf(second)));
    }

    private String chineseText(String first, String second) {
        String person = zh.name().fullName();
        return switch (random.nextInt(3)) {
            case 0 -> person + "今天在「" + first + "」宣布，公司将与「" + second + "」合作推进" + pick(TOPICS_ZH) + "。" + pick(EMOJI);
            case 1 -> "据报道，「" + first + "」的" + pick(TOPICS_ZH) + "进展顺利，" + person + "表示「" + second + "」方面已经同意。";
            default -> person + "：刚从「" + first + "」回来，「" + second + "」的" + pick(TOPICS_ZH) + "真不错！" + pick(EMOJI);
        };
    }

    private String englishText(String first, String second) {
        String person = en.name().fullName();
        return switch (random.nextInt(3)) {
            case 0 -> person + " said on Monday that " + first + " and " + second + " agreed to work on "
                    + pick(TOPICS_EN) + ". " + en.hitchhikersGuideToTheGalaxy().quote();
            case 1 -> "Breaking: " + first + " shares rose after " + person + " met officials in " + second + " "
                    + pick(EMOJI);
            default -> person + " (" + en.company().name() + ") flew from " + first + " to " + second
                    + " to talk about " + pick(TOPICS_EN) + ".";
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}

// Regenerates mapper-service's bundled gazetteer. Run from the repository root:
//   java -cp icu4j-77.1.jar:hanlp-portable-1.8.4.jar tools/gazetteer/GenerateGazetteer.java <china-division>/dist
// See tools/gazetteer/README.md for where each part of the data comes from.
import com.hankcs.hanlp.HanLP;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

public class GenerateGazetteer {

    record Name(String canonical, String type) {}

    static final Map<String, Name> names = new LinkedHashMap<>();
    static final Map<String, String> aliases = new LinkedHashMap<>();

    public static void main(String[] args) throws IOException {
        Path divisions = Path.of(args[0]);
        Path out = Path.of("mapper-service/src/main/resources/gazetteer");
        countries();
        worldCities();
        chineseDivisions(divisions);
        companies(Path.of("tools/gazetteer/companies.tsv"));
        write(out);
    }

    static void countries() {
        LocaleDisplayNames en = LocaleDisplayNames.getInstance(ULocale.ENGLISH);
        LocaleDisplayNames zh = LocaleDisplayNames.getInstance(ULocale.SIMPLIFIED_CHINESE);
        LocaleDisplayNames tw = LocaleDisplayNames.getInstance(ULocale.TRADITIONAL_CHINESE);
        for (String code : Locale.getISOCountries()) {
            String english = en.regionDisplayName(code);
            if (english.equals(code)) continue;
            name(english, "country");
            alias(zh.regionDisplayName(code), english);
            alias(tw.regionDisplayName(code), english);
        }
        // Common long and short forms that CLDR's display names lack.
        alias("中华人民共和国", "China");
        alias("PRC", "China");
        alias("美利坚合众国", "United States");
        alias("USA", "United States");
        alias("United States of America", "United States");
        alias("UK", "United Kingdom");
        alias("Great Britain", "United Kingdom");
        alias("英伦", "United Kingdom");
        alias("大韩民国", "South Korea");
        alias("Republic of Korea", "South Korea");
        alias("俄罗斯联邦", "Russia");
        alias("Russian Federation", "Russia");
    }

    static void worldCities() {
        TimeZoneNames en = TimeZoneNames.getInstance(ULocale.ENGLISH);
        TimeZoneNames zh = TimeZoneNames.getInstance(ULocale.SIMPLIFIED_CHINESE);
        for (String id : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, null, null)) {
            String english = en.getExemplarLocationName(id);
            String chinese = zh.getExemplarLocationName(id);
            if (english == null || chinese == null || english.length() < 3 || english.equals(chinese)) continue;
            name(english, "city");
            alias(chinese, english);
        }
    }

    static void chineseDivisions(Path dist) throws IOException {
        for (String[] row : csv(dist.resolve("provinces.csv"))) division(row[1], "province");
        for (String[] row : csv(dist.resolve("cities.csv"))) {
            if (!row[1].equals("市辖区") && !row[1].endsWith("直辖县级行政区划")) division(row[1], "city");
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<String[]> areas = csv(dist.resolve("areas.csv"));
        areas.forEach(row -> seen.merge(row[1], 1, Integer::sum));
        for (String[] row : areas) {
            // County-level cities and counties with a unique name; districts ("区") are too generic to match.
            if (seen.get(row[1]) == 1 && (row[1].endsWith("县") || row[1].endsWith("市")) && row[1].length() >= 3) {
                name(row[1], "county");
            }
        }
    }

    /** A Chinese division: its full name, its name without the suffix, and the pinyin as the English name. */
    static void division(String full, String type) {
        String bare = full.replaceAll("(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|地区|盟)$", "");
        if (bare.length() < 2) bare = full;
        String pinyin = pinyin(bare);
        // A name already known under the same pinyin (Shanghai from CLDR, Jilin the province) is the same place.
        String canonical = aliases.getOrDefault(pinyin, pinyin);
        name(canonical, type);
        alias(full, canonical);
        if (bare.length() >= 2) alias(bare, canonical);
    }

    static String pinyin(String chinese) {
        String p = HanLP.convertToPinyinString(chinese, "", false);
        return p.isEmpty() ? chinese : Character.toUpperCase(p.charAt(0)) + p.substring(1);
    }

    static void companies(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] row = line.split("\t");
            name(row[0], "company");
            if (row.length > 1) for (String a : row[1].split("\\|")) alias(a, row[0]);
        }
    }

    static void name(String canonical, String type) {
        names.putIfAbsent(canonical, new Name(canonical, type));
    }

    static void alias(String alias, String canonical) {
        if (alias != null && !alias.equals(canonical) && !names.containsKey(alias)) aliases.putIfAbsent(alias, canonical);
    }

    static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) rows.add(line.replace("\"", "").split(","));
        return rows;
    }

    static void write(Path dir) throws IOException {
        List<String> g = new ArrayList<>(List.of("# name\ttype — generated by tools/gazetteer/GenerateGazetteer.java; sources in tools/gazetteer/README.md"));
        names.values().forEach(n -> g.add(n.canonical() + "\t" + n.type()));
        List<String> a = new ArrayList<>(List.of("# alias\tcanonical name — generated by tools/gazetteer/GenerateGazetteer.java"));
        aliases.forEach((alias, canonical) -> a.add(alias + "\t" + canonical));
        Files.write(dir.resolve("gazetteer.tsv"), g);
        Files.write(dir.resolve("aliases.tsv"), a);
        System.out.printf("%d names, %d aliases%n", names.size(), aliases.size());
    }
}

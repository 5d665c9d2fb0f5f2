package io.docmap.harness.scaling;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Writes an autoscaling timeline as CSV and as a PNG chart: lag, replicas and docs/s in three panels over time. */
final class TimelineFiles {

    private static final int WIDTH = 1000;
    private static final int PANEL = 200;
    private static final int MARGIN = 60;

    private record Panel(String title, Color color, ToDoubleFunction<AutoscaleRun.Sample> value) {}

    private static final List<Panel> PANELS = List.of(
            new Panel("consumer lag (pages)", new Color(0xC0392B), AutoscaleRun.Sample::lag),
            new Panel("worker replicas", new Color(0x2471A3), AutoscaleRun.Sample::replicas),
            new Panel("documents per second", new Color(0x1E8449), AutoscaleRun.Sample::docsPerSecond));

    private TimelineFiles() {}

    static void write(Path dir, List<AutoscaleRun.Sample> timeline, String title) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add(AutoscaleRun.Sample.CSV_HEADER);
        timeline.forEach(sample -> lines.add(sample.csv()));
        Files.write(dir.resolve("timeline.csv"), lines);
        ImageIO.write(chart(timeline, title), "png", dir.resolve("timeline.png").toFile());
    }

    private static BufferedImage chart(List<AutoscaleRun.Sample> timeline, String title) {
        int height = MARGIN + PANELS.size() * (PANEL + MARGIN);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, MARGIN, 25);
        double end = timeline.isEmpty()
                ? 1
                : Math.max(1, timeline.get(timeline.size() - 1).seconds());
        for (int i = 0; i < PANELS.size(); i++) {
            drawPanel(g, PANELS.get(i), timeline, end, MARGIN + i * (PANEL + MARGIN));
        }
        g.dispose();
        return image;
    }

    private static void drawPanel(Graphics2D g, Panel panel, List<AutoscaleRun.Sample> timeline, double end, int top) {
        int left = MARGIN;
        int right = WIDTH - MARGIN / 2;
        double max =
                Math.max(1, timeline.stream().mapToDouble(panel.value()).max().orElse(1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        g.drawString(panel.title() + " (max " + Math.round(max) + ")", left, top - 8);
        g.drawRect(left, top, right - left, PANEL);
        g.drawString("0", left - 15, top + PANEL);
        g.drawString(Math.round(end) + " s", right - 40, top + PANEL + 15);
        g.setColor(panel.color());
        g.setStroke(new BasicStroke(2f));
        int lastX = -1;
        int lastY = -1;
        for (AutoscaleRun.Sample sample : timeline) {
            int x = left + (int) ((right - left) * sample.seconds() / end);
            int y = top + PANEL - (int) (PANEL * panel.value().applyAsDouble(sample) / max);
            if (lastX >= 0) {
                g.drawLine(lastX, lastY, x, y);
            }
            lastX = x;
            lastY = y;
        }
    }
}

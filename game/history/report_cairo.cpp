#include "game/history/report_cairo.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <string_view>
#include <vector>

namespace bfr::history::report {
namespace {

constexpr const char* kFont = "DejaVu Sans";

struct Rgb {
    double r, g, b;
};
constexpr Rgb kInk{0.10, 0.11, 0.13};
constexpr Rgb kMuted{0.44, 0.46, 0.50};
constexpr Rgb kAccent{0.11, 0.36, 0.55};
constexpr Rgb kAccentLight{0.66, 0.79, 0.89};
constexpr Rgb kRule{0.80, 0.82, 0.86};
constexpr Rgb kStripe{0.95, 0.96, 0.975};
constexpr Rgb kFlag{0.72, 0.18, 0.12};
constexpr Rgb kBandLine{0.86, 0.45, 0.07};
constexpr Rgb kPanel{0.94, 0.96, 0.98};
constexpr Rgb kWhite{1.0, 1.0, 1.0};

// Page geometry, points.
constexpr double kMargin = 42.0;
constexpr double kTop = 38.0;
constexpr double kContentWidth = kPageWidthPt - 2.0 * kMargin;
constexpr double kFooterTop = kPageHeightPt - 44.0;

// Type sizes and line heights, points.
constexpr double kTitleSize = 17.0;
constexpr double kHeadingSize = 10.5;
constexpr double kBodySize = 8.2;
constexpr double kLine = 11.0;
constexpr double kSmallSize = 6.8;

enum class Align { Left, Right, Center };

/// Thin drawing helpers over a cairo context: fonts, measured text, lines and boxes.
class Painter {
public:
    /// `dry`: lay out only (measure text, draw nothing), to find a budget that fits the page.
    Painter(cairo_t* cr, bool dry) : cr_{cr}, dry_{dry} {}
    [[nodiscard]] bool dry() const noexcept { return dry_; }

    void font(double size, bool bold = false) {
        cairo_select_font_face(cr_, kFont, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr_, size);
        size_ = size;
    }
    void color(Rgb c) { cairo_set_source_rgb(cr_, c.r, c.g, c.b); }

    double width(const std::string& s) {
        cairo_text_extents_t e{};
        cairo_text_extents(cr_, s.c_str(), &e);
        return e.x_advance;
    }

    /// `s`, or as much of it as fits in `max_width` followed by "…".
    std::string fit(const std::string& s, double max_width) {
        if (width(s) <= max_width) return s;
        std::string cut = s;
        while (!cut.empty()) {
            // Drop the last code point (and its continuation bytes), then any trailing space.
            do {
                cut.pop_back();
            } while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0U) == 0x80U);
            if (!cut.empty()) cut.pop_back();  // the lead byte (or the ASCII character)
            while (!cut.empty() && cut.back() == ' ') cut.pop_back();
            if (width(cut + "…") <= max_width) return cut + "…";
        }
        return width("…") <= max_width ? std::string("…") : std::string();
    }

    /// Draws one line with its top at `top` (the baseline below it), cut to `max_width`.
    void text(double x, double top, const std::string& s, double max_width, Align align = Align::Left) {
        if (dry_) return;
        const std::string shown = fit(s, max_width);
        const double w = width(shown);
        double left = x;
        if (align == Align::Right) left = x - w;
        if (align == Align::Center) left = x - 0.5 * w;
        // The line box is kLine high (more for big type); the capitals are centred in it.
        const double box = std::max(kLine, 1.3 * size_);
        cairo_move_to(cr_, left, top + 0.5 * (box + 0.72 * size_));
        cairo_show_text(cr_, shown.c_str());
    }

    /// `s` broken into lines of at most `max_width` at spaces, at most `max_lines` of them (the
    /// last cut with "…" when the text goes on).
    std::vector<std::string> wrap(const std::string& s, double max_width, std::size_t max_lines) {
        std::vector<std::string> words;
        std::string word;
        for (const char c : s) {
            if (c == ' ') {
                if (!word.empty()) words.push_back(word);
                word.clear();
            } else {
                word += c;
            }
        }
        if (!word.empty()) words.push_back(word);
        std::vector<std::string> lines;
        std::string line;
        for (std::size_t i = 0; i < words.size(); ++i) {
            const std::string candidate = line.empty() ? words[i] : line + " " + words[i];
            if (line.empty() || width(candidate) <= max_width) {
                line = candidate;
                continue;
            }
            if (lines.size() + 1 == max_lines) {  // the last line allowed: the rest goes on it, cut
                std::string rest = line;
                for (std::size_t k = i; k < words.size(); ++k) rest += " " + words[k];
                lines.push_back(fit(rest, max_width));
                return lines;
            }
            lines.push_back(fit(line, max_width));
            line = words[i];
        }
        if (!line.empty() || lines.empty()) lines.push_back(fit(line, max_width));
        return lines;
    }

    void line(double x0, double y0, double x1, double y1, double w, Rgb c) {
        if (dry_) return;
        color(c);
        cairo_set_line_width(cr_, w);
        cairo_move_to(cr_, x0, y0);
        cairo_line_to(cr_, x1, y1);
        cairo_stroke(cr_);
    }
    void box(double x, double y, double w, double h, Rgb c) {
        if (dry_) return;
        color(c);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_fill(cr_);
    }
    void outline(double x, double y, double w, double h, double lw, Rgb c) {
        if (dry_) return;
        color(c);
        cairo_set_line_width(cr_, lw);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_stroke(cr_);
    }
    void dot(double x, double y, double radius, Rgb c) {
        if (dry_) return;
        color(c);
        cairo_new_sub_path(cr_);
        cairo_arc(cr_, x, y, radius, 0.0, 2.0 * M_PI);
        cairo_fill(cr_);
    }
    [[nodiscard]] cairo_t* cr() const noexcept { return cr_; }

private:
    cairo_t* cr_;
    bool dry_ = false;
    double size_ = kBodySize;
};

/// A section title with a rule under it; returns the top of what follows.
double heading(Painter& p, double y, const std::string& title) {
    p.font(kHeadingSize, true);
    p.color(kAccent);
    p.text(kMargin, y, title, kContentWidth);
    p.line(kMargin, y + 15.0, kMargin + kContentWidth, y + 15.0, 0.6, kRule);
    return y + 19.0;
}

/// Label/value pairs in `columns` columns, row by row; a value wraps to at most `max_lines` lines.
/// Returns the top of what follows.
double fields(Painter& p, const std::vector<Field>& list, double x, double y, double width, double label_width,
              std::size_t columns, std::size_t max_lines) {
    constexpr double kGap = 14.0;
    const double col_width = (width - kGap * static_cast<double>(columns - 1)) / static_cast<double>(columns);
    const double value_width = col_width - label_width;
    for (std::size_t row = 0; row * columns < list.size(); ++row) {
        std::size_t lines = 1;
        for (std::size_t c = 0; c < columns && row * columns + c < list.size(); ++c) {
            const Field& f = list[row * columns + c];
            const double cx = x + static_cast<double>(c) * (col_width + kGap);
            p.font(kBodySize, true);
            p.color(kMuted);
            p.text(cx, y, f.label, label_width - 6.0);
            p.font(kBodySize);
            p.color(f.missing ? kMuted : kInk);
            const std::vector<std::string> wrapped = p.wrap(f.value, value_width, max_lines);
            for (std::size_t i = 0; i < wrapped.size(); ++i) {
                p.text(cx + label_width, y + static_cast<double>(i) * kLine, wrapped[i], value_width);
            }
            lines = std::max(lines, wrapped.size());
        }
        y += static_cast<double>(lines) * kLine;
    }
    return y;
}

/// A table with column widths as shares of `width`: a header, at most `max_rows` striped rows
/// (flagged rows in red), then "+ N more" or the empty text. Returns the top of what follows.
double table(Painter& p, const Table& t, const std::vector<double>& shares, double x, double y, double width,
             std::size_t max_rows) {
    constexpr double kPad = 4.0;
    if (t.rows.empty() && t.empty_text.empty()) return y;
    std::vector<double> lefts;
    double acc = x;
    for (const double share : shares) {
        lefts.push_back(acc);
        acc += share * width;
    }
    const auto col_width = [&](std::size_t c) { return shares[c] * width - 2.0 * kPad; };
    p.font(kSmallSize + 0.4, true);
    p.color(kMuted);
    for (std::size_t c = 0; c < t.columns.size() && c < shares.size(); ++c) {
        p.text(lefts[c] + kPad, y, t.columns[c], col_width(c));
    }
    y += kLine;
    p.line(x, y - 0.5, x + width, y - 0.5, 0.5, kRule);
    if (t.rows.empty()) {
        p.font(kBodySize);
        p.color(kMuted);
        p.text(x + kPad, y + 1.0, t.empty_text, width - 2.0 * kPad);
        return y + kLine + 2.0;
    }
    const std::size_t shown = std::min(t.rows.size(), std::max<std::size_t>(max_rows, 1));
    for (std::size_t r = 0; r < shown; ++r) {
        if (r % 2 == 1) p.box(x, y, width, kLine, kStripe);
        const bool flagged = r < t.flagged.size() && t.flagged[r];
        p.font(kBodySize, false);
        for (std::size_t c = 0; c < t.rows[r].size() && c < shares.size(); ++c) {
            const std::string& cell = t.rows[r][c];
            p.color(cell == kNotRecorded || cell == "–" ? kMuted : flagged ? kFlag : kInk);
            p.text(lefts[c] + kPad, y, cell, col_width(c));
        }
        y += kLine;
    }
    // What was left out: the model's own words, or (when the page had no room for every row) a count.
    const std::string more = shown == t.rows.size()
                                 ? t.more
                                 : fmt::format("+ {} more {}", t.rows.size() - shown + t.left_out, t.noun);
    if (!more.empty()) {
        p.font(kBodySize);
        p.color(kMuted);
        p.text(x + kPad, y, more, width - 2.0 * kPad);
        y += kLine;
    }
    return y + 2.0;
}

/// A round top for the reps axis: 10, 20, 40, 50, 80, 100 ...
double nice_ceiling(double v) {
    if (!(v > 0.0)) return 10.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (const double m : {1.0, 2.0, 2.5, 4.0, 5.0, 8.0, 10.0}) {
        if (m * magnitude >= v) return m * magnitude;
    }
    return 10.0 * magnitude;
}

/// The trend chart in the box (x, y, w, h), two panels on one time axis: time in band (0–100 %,
/// a line with dots; a gap where a session has none) above, reps per session (bars: this session
/// dark, others light, sessions not completed hollow) below, each session's number and date under.
void chart(Painter& p, const std::vector<TrendPoint>& points, double x, double y, double w, double h) {
    const double px0 = x + 24.0;
    const double px1 = x + w - 4.0;
    // Time-in-band panel.
    const double ty0 = y + 14.0;
    const double ty1 = y + 40.0;
    // Reps panel.
    const double ry0 = y + 58.0;
    const double ry1 = y + h - 22.0;

    p.font(kSmallSize, true);
    p.color(kBandLine);
    p.text(px0, y + 1.0, "Time in band, %", w * 0.5);
    p.font(kSmallSize);
    p.line(px0, ty1, px1, ty1, 0.6, kMuted);
    p.line(px0, ty0, px1, ty0, 0.4, kRule);
    p.line(px0, 0.5 * (ty0 + ty1), px1, 0.5 * (ty0 + ty1), 0.3, kRule);
    p.color(kMuted);
    p.text(px0 - 3.0, ty0 - 5.5, "100", 22.0, Align::Right);
    p.text(px0 - 3.0, ty1 - 5.5, "0", 22.0, Align::Right);

    p.font(kSmallSize, true);
    p.color(kAccent);
    p.text(px0, ry0 - 14.0, "Reps per session", w * 0.5);
    const bool any_incomplete =
        std::any_of(points.begin(), points.end(), [](const TrendPoint& t) { return !t.completed; });
    if (any_incomplete) {
        p.font(kSmallSize);
        const double lx = px1 - p.width("not completed") - 10.0;
        p.outline(lx + 0.5, ry0 - 11.5, 6.0, 6.0, 0.8, kAccent);
        p.color(kMuted);
        p.text(lx + 10.0, ry0 - 14.0, "not completed", px1 - lx - 8.0);
    }
    double max_reps = 1.0;
    for (const TrendPoint& t : points) max_reps = std::max(max_reps, t.reps);
    const double top = nice_ceiling(1.12 * max_reps);  // room above the tallest bar for its label
    const auto ry = [&](double reps) { return ry1 - (ry1 - ry0) * std::clamp(reps / top, 0.0, 1.0); };
    const auto by = [&](double pct) { return ty1 - (ty1 - ty0) * std::clamp(pct / 100.0, 0.0, 1.0); };
    p.font(kSmallSize);
    for (int i = 0; i <= 2; ++i) {
        const double frac = 0.5 * i;
        const double gy = ry1 - (ry1 - ry0) * frac;
        p.line(px0, gy, px1, gy, i == 0 ? 0.8 : 0.4, i == 0 ? kMuted : kRule);
        p.color(kMuted);
        p.text(px0 - 3.0, gy - 5.5, number_text(top * frac, 0), 22.0, Align::Right);
    }
    if (points.empty()) return;
    const double slot = (px1 - px0) / static_cast<double>(points.size());
    const double bar = std::min(slot * 0.55, 26.0);
    const auto centre = [&](std::size_t i) { return px0 + slot * (static_cast<double>(i) + 0.5); };
    for (std::size_t i = 0; i < points.size(); ++i) {
        const TrendPoint& t = points[i];
        const double cx = centre(i);
        const double top_y = ry(t.reps);
        if (t.completed) {
            p.box(cx - 0.5 * bar, top_y, bar, ry1 - top_y, t.current ? kAccent : kAccentLight);
        } else {
            p.box(cx - 0.5 * bar, top_y, bar, ry1 - top_y, kWhite);
            p.outline(cx - 0.5 * bar + 0.4, top_y + 0.4, bar - 0.8, std::max(0.0, ry1 - top_y - 0.8), 0.8, kAccent);
        }
        p.font(kSmallSize, t.current);
        p.color(kInk);
        p.text(cx, top_y - 10.0, number_text(t.reps, 0), slot, Align::Center);
        p.color(t.current ? kInk : kMuted);
        p.text(cx, ry1 + 1.5, fmt::format("#{}", t.session_id), slot - 1.0, Align::Center);
        p.font(kSmallSize);
        p.text(cx, ry1 + 9.5, t.label, slot - 1.0, Align::Center);
    }
    // Time in band: a line through the sessions that have it, broken where one does not.
    cairo_t* cr = p.cr();
    p.color(kBandLine);
    cairo_set_line_width(cr, 1.3);
    bool open = false;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!points[i].time_in_band_pct) {
            open = false;
            continue;
        }
        const double cy = by(*points[i].time_in_band_pct);
        if (open) {
            cairo_line_to(cr, centre(i), cy);
        } else {
            cairo_move_to(cr, centre(i), cy);
        }
        open = true;
    }
    cairo_stroke(cr);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const TrendPoint& t = points[i];
        if (!t.time_in_band_pct) {
            p.font(kSmallSize);
            p.color(kMuted);
            p.text(centre(i), 0.5 * (ty0 + ty1) - 5.5, "–", slot, Align::Center);
            continue;
        }
        p.dot(centre(i), by(*t.time_in_band_pct), t.current ? 2.6 : 2.0, kBandLine);
    }
}

/// How much of the model a page shows: the first budget whose layout fits above the footer is
/// used, so a crowded session loses table rows and second lines (each cut says so) instead of
/// running off the page.
struct Budget {
    std::size_t set_rows;      ///< Rows of the sets table.
    std::size_t alarm_rows;    ///< Rows of the alarms table.
    std::size_t header_lines;  ///< Lines per header value.
    std::size_t value_lines;   ///< Lines per section value.
    std::size_t advice_lines;  ///< Lines of the suggestion.
    std::size_t notes;         ///< Notes for next time.
};
constexpr Budget kBudgets[] = {
    {kMaxSetRows, kMaxAlarmRows, 2, 2, 3, 3},
    {7, 5, 2, 2, 3, 3},
    {6, 4, 2, 2, 3, 3},
    {6, 4, 2, 1, 3, 3},
    {6, 4, 1, 1, 3, 3},
    {5, 4, 1, 1, 2, 3},
    {4, 3, 1, 1, 2, 2},
    {3, 2, 1, 1, 2, 1},
    {2, 1, 1, 1, 1, 1},
};

/// The whole page in points (or, dry, its layout only) within `budget`.
RenderInfo draw_page(Painter& p, const ReportModel& m, const Budget& budget) {
    RenderInfo info;
    info.footer_top_pt = kFooterTop;

    // Header: title, session and date, then the header fields in two columns.
    double y = kTop;
    p.font(kBodySize + 1.5, true);
    const double right_width = std::max(p.width(m.session_label), 120.0);
    p.font(kTitleSize, true);
    p.color(kInk);
    p.text(kMargin, y, m.title, kContentWidth - right_width - 12.0);
    p.font(kBodySize + 1.5, true);
    p.color(kAccent);
    p.text(kMargin + kContentWidth, y + 1.0, m.session_label, right_width, Align::Right);
    p.font(kBodySize);
    p.color(kMuted);
    p.text(kMargin + kContentWidth, y + 14.0, m.when, right_width, Align::Right);
    p.text(kMargin, y + 21.0, "Blood flow restriction exercise · clinician summary of one session",
           kContentWidth - right_width - 12.0);
    y += 36.0;
    p.line(kMargin, y, kMargin + kContentWidth, y, 1.6, kAccent);
    y = fields(p, m.header, kMargin, y + 6.0, kContentWidth, 56.0, 2, budget.header_lines);

    y = heading(p, y + 8.0, "Pressure");
    y = fields(p, m.pressure, kMargin, y, kContentWidth, 92.0, 1, budget.value_lines);

    y = heading(p, y + 8.0, "Exercise");
    y = fields(p, m.exercise, kMargin, y, kContentWidth, 92.0, 1, budget.value_lines);
    y = table(p, m.sets, {0.06, 0.15, 0.09, 0.14, 0.14, 0.14, 0.14, 0.14}, kMargin, y + 3.0, kContentWidth,
              budget.set_rows);

    y = heading(p, y + 8.0, "Response");
    y = fields(p, m.response, kMargin, y, kContentWidth, 92.0, 1, budget.value_lines);
    y = table(p, m.alarms, {0.09, 0.24, 0.12, 0.17, 0.19, 0.19}, kMargin, y + 3.0, kContentWidth, budget.alarm_rows);

    y = heading(p, y + 8.0, fmt::format("Trend · last {} session{}", m.trend.size(), m.trend.size() == 1 ? "" : "s"));
    constexpr double kChartWidth = 272.0;
    constexpr double kChartHeight = 128.0;
    if (!p.dry()) chart(p, m.trend, kMargin, y, kChartWidth, kChartHeight);
    const double right_x = kMargin + kChartWidth + 16.0;
    const double side = fields(p, m.trend_fields, right_x, y + 2.0, kMargin + kContentWidth - right_x, 84.0, 1, 2);
    y = std::max(y + kChartHeight, side) + 8.0;

    // Next time: the suggestion, its rule and the notes, on a light panel.
    const double text_x = kMargin + 12.0;
    const double text_width = kContentWidth - 18.0;
    p.font(kBodySize, true);
    const std::vector<std::string> advice = p.wrap(m.suggestion, text_width - 62.0, budget.advice_lines);
    p.font(kBodySize);
    const std::vector<std::string> rule = p.wrap(m.suggestion_rule, text_width, 2);
    std::vector<std::vector<std::string>> notes;
    for (std::size_t i = 0; i < m.notes.size() && i < budget.notes; ++i) {
        notes.push_back(p.wrap(m.notes[i], text_width - 10.0, 2));
    }
    std::size_t lines = advice.size() + rule.size();
    for (const auto& n : notes) lines += n.size();
    const double panel_height = static_cast<double>(lines) * kLine + 10.0;
    p.box(kMargin, y, kContentWidth, panel_height, kPanel);
    p.box(kMargin, y, 3.0, panel_height, kAccent);
    double ty = y + 5.0;
    p.font(kBodySize, true);
    p.color(kAccent);
    p.text(text_x, ty, "Next time", 58.0);
    p.color(kInk);
    for (const std::string& l : advice) {
        p.text(text_x + 62.0, ty, l, text_width - 62.0);
        ty += kLine;
    }
    p.font(kBodySize);
    p.color(kMuted);
    for (const std::string& l : rule) {
        p.text(text_x, ty, l, text_width);
        ty += kLine;
    }
    p.color(kInk);
    for (const auto& n : notes) {
        for (std::size_t i = 0; i < n.size(); ++i) {
            if (i == 0) p.text(text_x, ty, "•", 8.0);
            p.text(text_x + 10.0, ty, n[i], text_width - 10.0);
            ty += kLine;
        }
    }
    y += panel_height;
    info.content_bottom_pt = y;

    // Footer.
    p.line(kMargin, kFooterTop, kMargin + kContentWidth, kFooterTop, 0.6, kRule);
    p.font(kSmallSize + 0.4);
    p.color(kMuted);
    p.text(kMargin, kFooterTop + 5.0, m.footer, kContentWidth);
    p.text(kMargin, kFooterTop + 15.0, m.disclaimer, kContentWidth);
    return info;
}

/// Lays the page out within the first budget that fits above the footer (the tightest if none
/// does), then draws it.
RenderInfo draw_page(cairo_t* cr, const ReportModel& m) {
    constexpr double kClearance = 6.0;
    const Budget* chosen = &kBudgets[std::size(kBudgets) - 1];
    for (const Budget& b : kBudgets) {
        Painter dry{cr, true};
        if (draw_page(dry, m, b).content_bottom_pt <= kFooterTop - kClearance) {
            chosen = &b;
            break;
        }
    }
    Painter p{cr, false};
    return draw_page(p, m, *chosen);
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    auto* out = static_cast<std::string*>(closure);
    out->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

/// Under AddressSanitizer, hands back cairo's font caches and fontconfig's configuration once the
/// page is done (no cairo object is alive then), so that the leak checker sees only our own
/// memory; both are set up again by the next drawing. A normal build keeps them for the process.
void release_font_caches() {
#if defined(__SANITIZE_ADDRESS__)
    cairo_debug_reset_static_data();
    FcFini();
#endif
}

bool failed(cairo_status_t status, const char* what, std::string* error) {
    if (status == CAIRO_STATUS_SUCCESS) return false;
    if (error) *error = fmt::format("cannot draw the report ({}): {}", what, cairo_status_to_string(status));
    return true;
}

/// Calls release_font_caches() when it goes: declared before a surface, it goes after it.
struct FontCacheRelease {
    FontCacheRelease() = default;
    FontCacheRelease(const FontCacheRelease&) = delete;
    FontCacheRelease& operator=(const FontCacheRelease&) = delete;
    ~FontCacheRelease() { release_font_caches(); }
};

}  // namespace

std::optional<std::string> render_pdf(const ReportModel& model, std::string* error, RenderInfo* info) {
    std::string bytes;
    const FontCacheRelease release;  // after the surface is gone
    const Surface surface{cairo_pdf_surface_create_for_stream(append_bytes, &bytes, kPageWidthPt, kPageHeightPt)};
    if (failed(cairo_surface_status(surface.get()), "PDF surface", error)) return std::nullopt;
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                   (model.title + " – " + model.session_label).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "BFR Coach");
    {
        const Context cr{cairo_create(surface.get())};
        const RenderInfo drawn = draw_page(cr.get(), model);
        if (info) *info = drawn;
        cairo_show_page(cr.get());
        if (failed(cairo_status(cr.get()), "PDF page", error)) return std::nullopt;
    }
    cairo_surface_finish(surface.get());
    if (failed(cairo_surface_status(surface.get()), "PDF file", error)) return std::nullopt;
    return bytes;
}

std::optional<std::string> render_png(const ReportModel& model, std::string* error, RenderInfo* info) {
    const FontCacheRelease release;  // after the surface is gone
    const Surface surface{cairo_image_surface_create(CAIRO_FORMAT_RGB24, kPngWidthPx, kPngHeightPx)};
    if (failed(cairo_surface_status(surface.get()), "image surface", error)) return std::nullopt;
    {
        const Context cr{cairo_create(surface.get())};
        cairo_set_source_rgb(cr.get(), 1.0, 1.0, 1.0);
        cairo_paint(cr.get());
        const double scale = kPngDpi / 72.0;
        cairo_scale(cr.get(), scale, scale);
        const RenderInfo drawn = draw_page(cr.get(), model);
        if (info) *info = drawn;
        if (failed(cairo_status(cr.get()), "PNG page", error)) return std::nullopt;
    }
    cairo_surface_flush(surface.get());
    std::string bytes;
    if (failed(cairo_surface_write_to_png_stream(surface.get(), append_bytes, &bytes), "PNG file", error)) {
        return std::nullopt;
    }
    return bytes;
}

}  // namespace bfr::history::report

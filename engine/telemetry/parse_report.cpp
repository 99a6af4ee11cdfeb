#include "engine/telemetry/parse_report.hpp"

#include "engine/telemetry/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace bfr::telemetry {

namespace {
/// Longest unknown name remembered (bytes).
constexpr std::size_t kMaxNameBytes = 64;
}  // namespace

ParseReport::ParseReport(std::size_t kept_problems) : kept_problems_{kept_problems} {}

void ParseReport::add_skipped(std::uint64_t line, std::string_view reason) {
    ++rows_skipped_;
    if (problems_.size() < kept_problems_) problems_.push_back(Problem{line, std::string(reason)});
}

void ParseReport::note_unknown_column(std::string_view name) {
    if (name.size() > kMaxNameBytes) name = name.substr(0, kMaxNameBytes);
    if (std::find(unknown_.begin(), unknown_.end(), name) != unknown_.end()) return;
    if (unknown_.size() < kMaxUnknownNames) {
        unknown_.emplace_back(name);
    } else {
        ++unknown_more_;  // counts further sightings of names beyond the limit (an upper bound)
    }
}

void ParseReport::add_warning(std::string text) {
    if (warnings_.size() >= kMaxWarnings) return;
    if (std::find(warnings_.begin(), warnings_.end(), text) != warnings_.end()) return;
    warnings_.push_back(std::move(text));
}

void ParseReport::set_error(std::string text) {
    if (error_.empty()) error_ = std::move(text);
}

std::vector<std::string> ParseReport::warnings() const {
    std::vector<std::string> out;
    out.reserve(warnings_.size() + 1);
    if (!unknown_.empty()) {
        std::string w =
            unknown_.size() == 1 && unknown_more_ == 0 ? "unknown column ignored: " : "unknown columns ignored: ";
        for (std::size_t i = 0; i < unknown_.size(); ++i) {
            if (i > 0) w += ", ";
            w += quoted(unknown_[i], kMaxNameBytes);
        }
        if (unknown_more_ > 0) w += " and more";
        out.push_back(std::move(w));
    }
    out.insert(out.end(), warnings_.begin(), warnings_.end());
    return out;
}

std::string ParseReport::to_text() const {
    std::string out;
    auto it = std::back_inserter(out);
    for (const Problem& p : problems_) fmt::format_to(it, "line {}: {}\n", p.line, p.reason);
    const std::uint64_t more = rows_skipped_ - problems_.size();
    if (more > 0) fmt::format_to(it, "... and {} more skipped row{}\n", more, more == 1 ? "" : "s");
    return out;
}

}  // namespace bfr::telemetry

#include "engine/telemetry/line_splitter.hpp"

namespace bfr::telemetry {

LineSplitter::LineSplitter(std::size_t max_line_bytes) : max_{max_line_bytes == 0 ? 1 : max_line_bytes} {
    buf_.reserve(max_ + 1);
}

void LineSplitter::reset() noexcept {
    buf_.clear();
    lines_ = 0;
    skipped_ = 0;
    skipping_ = false;
    pending_ = false;
}

}  // namespace bfr::telemetry

#include "game/protocol/protocol.hpp"

namespace bfr::protocol {

double Protocol::target_pct_lop(Limb limb) const noexcept {
    return limb == Limb::Leg ? target_pct_lop_leg : target_pct_lop_arm;
}

std::uint32_t Protocol::prescribed_reps() const noexcept {
    std::uint32_t total = 0;
    for (const SetSpec& s : sets) total += s.reps;
    return total;
}

Protocol standard_protocol() {
    Protocol p;
    p.name = "30-15-15-15";
    p.title = "Standard 30-15-15-15";
    p.description =
        "The common BFR protocol [B1, B12]: 4 sets of 30, 15, 15 and 15 reps with 30 s rests, the cuff "
        "kept on in the rests, 50 %LOP on the arm or 60 %LOP on the leg, 30 %1RM, 1 s up and 1 s down.";
    p.sets = {SetSpec{30, false}, SetSpec{15, false}, SetSpec{15, false}, SetSpec{15, false}};
    return p;
}

const char* limb_name(Limb limb) noexcept {
    return limb == Limb::Leg ? "leg" : "arm";
}

}  // namespace bfr::protocol

// bench_ecs: throughput figures for bfr::ecs (no asserts; run a Release build).
//
//   ecs_view3_100k        view<Position, const Velocity, const Mass> over 100'000 entities
//   ecs_view3_half_100k   same, but only every other entity has a Mass (the Mass store leads)
//   ecs_view3_range_100k  the range-for form of ecs_view3_100k
//   baseline_aos_100k     the same update over a plain std::vector of structs, for scale
//   ecs_create3_100k      create 100'000 entities and emplace the three components
//   ecs_destroy3_100k     destroy them again
//
// Every update figure is "3 x visited entities x passes / seconds"; each runs for >= 0.3 s after
// a warm-up pass. A checksum of the final positions is printed so no work can be optimized out.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "engine/ecs/world.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using bfr::ecs::Entity;
using bfr::ecs::World;

struct Position {
    float x, y, z;
};
struct Velocity {
    float x, y, z;
};
struct Mass {
    float value;
};

constexpr std::size_t kEntities = 100'000;
constexpr double kMinSeconds = 0.3;
constexpr float kDt = 1.0F / 60.0F;

struct Timing {
    std::uint64_t passes = 0;
    double seconds = 0.0;
};

/// Runs `pass` once to warm up, then repeatedly until kMinSeconds have elapsed.
template <class Pass>
Timing measure(Pass&& pass) {
    pass();
    Timing t;
    const Clock::time_point start = Clock::now();
    do {
        pass();
        ++t.passes;
        t.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    } while (t.seconds < kMinSeconds);
    return t;
}

void print_components(const char* label, const Timing& t, std::size_t visited_per_pass) {
    const double entities = static_cast<double>(visited_per_pass) * static_cast<double>(t.passes);
    std::printf("%s: %.1f M components/s (%.2f ns/entity)\n", label, 3.0 * entities / t.seconds / 1e6,
                t.seconds * 1e9 / entities);
}

void print_entities(const char* label, double seconds, double entities) {
    std::printf("%s: %.1f M entities/s (%.2f ns/entity)\n", label, entities / seconds / 1e6, seconds * 1e9 / entities);
}

/// 100'000 entities with Position and Velocity; Mass on every entity, or every other one.
void populate(World& world, bool mass_on_half) {
    for (std::size_t i = 0; i < kEntities; ++i) {
        const Entity e = world.create();
        const auto f = static_cast<float>(i);
        world.emplace<Position>(e, f, 0.0F, -f);
        world.emplace<Velocity>(e, 1.0F, 0.5F, 0.25F);
        if (!mass_on_half || i % 2 == 0) {
            world.emplace<Mass>(e, 1.0F + f * 1e-6F);
        }
    }
}

double checksum(World& world) {
    double sum = 0.0;
    for (const Position& p : world.store<Position>().components()) {
        sum += static_cast<double>(p.x) + static_cast<double>(p.y) + static_cast<double>(p.z);
    }
    return sum;
}

void update(Position& p, const Velocity& v, const Mass& m) {
    const float step = kDt * m.value;
    p.x += v.x * step;
    p.y += v.y * step;
    p.z += v.z * step;
}

}  // namespace

int main() {
    double total = 0.0;

    {
        World world;
        populate(world, false);
        auto view = world.view<Position, const Velocity, const Mass>();
        const Timing t = measure([&] { view.each(update); });
        print_components("ecs_view3_100k", t, kEntities);

        const Timing r = measure([&] {
            for (auto [e, p, v, m] : view.each()) {
                static_cast<void>(e);
                update(p, v, m);
            }
        });
        print_components("ecs_view3_range_100k", r, kEntities);
        total += checksum(world);
    }
    {
        World world;
        populate(world, true);
        auto view = world.view<Position, const Velocity, const Mass>();
        const Timing t = measure([&] { view.each(update); });
        print_components("ecs_view3_half_100k", t, kEntities / 2);
        total += checksum(world);
    }
    {
        struct Row {
            Position p;
            Velocity v;
            Mass m;
        };
        std::vector<Row> rows(kEntities);
        for (std::size_t i = 0; i < kEntities; ++i) {
            const auto f = static_cast<float>(i);
            rows[i] = Row{{f, 0.0F, -f}, {1.0F, 0.5F, 0.25F}, {1.0F + f * 1e-6F}};
        }
        const Timing t = measure([&] {
            for (Row& row : rows) {
                update(row.p, row.v, row.m);
            }
        });
        print_components("baseline_aos_100k", t, kEntities);
        for (const Row& row : rows) {
            total += static_cast<double>(row.p.x);
        }
    }
    {
        World world;
        std::vector<Entity> handles(kEntities);
        double create_s = 0.0;
        double destroy_s = 0.0;
        std::uint64_t rounds = 0;
        bool warm = false;
        while (create_s < kMinSeconds || destroy_s < kMinSeconds) {
            const Clock::time_point t0 = Clock::now();
            for (std::size_t i = 0; i < kEntities; ++i) {
                const Entity e = world.create();
                world.emplace<Position>(e, 1.0F, 2.0F, 3.0F);
                world.emplace<Velocity>(e, 0.0F, 0.0F, 0.0F);
                world.emplace<Mass>(e, 1.0F);
                handles[i] = e;
            }
            const Clock::time_point t1 = Clock::now();
            for (const Entity e : handles) {
                world.destroy(e);
            }
            const Clock::time_point t2 = Clock::now();
            if (warm) {  // the first round allocates; later ones reuse slots and capacity
                create_s += std::chrono::duration<double>(t1 - t0).count();
                destroy_s += std::chrono::duration<double>(t2 - t1).count();
                ++rounds;
            }
            warm = true;
        }
        const double entities = static_cast<double>(kEntities) * static_cast<double>(rounds);
        print_entities("ecs_create3_100k", create_s, entities);
        print_entities("ecs_destroy3_100k", destroy_s, entities);
        total += static_cast<double>(world.entities().capacity());
    }

    std::printf("checksum: %.6e\n", total);
    return 0;
}

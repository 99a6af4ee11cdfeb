// World: lifetimes, stale handles, lazily created stores, determinism, and a randomized
// differential test against a std::map model.

#include "engine/ecs/world.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef NDEBUG
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#endif

using bfr::ecs::Entity;
using bfr::ecs::kNullEntity;
using bfr::ecs::World;

namespace {

struct Pos {
    float x;
    float y;
};
struct Tag {};
struct Name {
    std::string text;
};

/// Logs its own destruction, to observe destruction order across stores and the context.
struct Noisy {
    std::vector<std::string>* log;
    std::string id;
    Noisy(std::vector<std::string>* l, std::string i) : log{l}, id{std::move(i)} {}
    Noisy(Noisy&& other) noexcept : log{other.log}, id{std::move(other.id)} { other.log = nullptr; }
    Noisy& operator=(Noisy&& other) noexcept {
        log = std::exchange(other.log, nullptr);
        id = std::move(other.id);
        return *this;
    }
    Noisy(const Noisy&) = delete;
    Noisy& operator=(const Noisy&) = delete;
    ~Noisy() {
        if (log != nullptr) {
            log->push_back(id);
        }
    }
};

#ifndef NDEBUG
/// Runs fn in a child process (stderr silenced) and reports whether it died of SIGABRT.
template <class Fn>
bool aborts(Fn fn) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::signal(SIGABRT, SIG_DFL);  // bypass the test framework's crash handler
        const int null_fd = ::open("/dev/null", O_WRONLY);
        if (null_fd >= 0) {
            ::dup2(null_fd, STDERR_FILENO);
        }
        fn();
        ::_exit(0);
    }
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) != pid) {
        return false;
    }
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}
#endif

}  // namespace

TEST_CASE("World: stale handles answer absent everywhere", "[ecs][world]") {
    World world;
    const Entity e = world.create();
    world.emplace<Pos>(e, 1.0F, 2.0F);
    world.emplace<Name>(e, "first");
    REQUIRE(world.destroy(e));

    CHECK_FALSE(world.alive(e));
    CHECK(world.find<Pos>(e) == nullptr);
    CHECK_FALSE(world.has<Pos>(e));
    CHECK_FALSE(world.has<Name>(e));
    CHECK_FALSE(world.remove<Pos>(e));
    CHECK_FALSE(world.destroy(e));
    CHECK(world.store<Pos>().empty());  // destroy removed the components
    CHECK(world.store<Name>().empty());

    const Entity reused = world.create();
    CHECK(reused.index == e.index);
    CHECK(reused.generation == e.generation + 1);
    CHECK(reused != e);
    world.emplace<Pos>(reused, 5.0F, 6.0F);
    CHECK(world.find<Pos>(e) == nullptr);  // the old handle does not see the new occupant
    CHECK_FALSE(world.remove<Pos>(e));
    CHECK_FALSE(world.destroy(e));
    CHECK(world.get<Pos>(reused).x == 5.0F);
    CHECK(world.alive(reused));
}

TEST_CASE("World: null handle is never alive and has nothing", "[ecs][world]") {
    World world;
    const Entity e = world.create();  // {0,1}: same index as null
    world.emplace<Pos>(e, 0.0F, 0.0F);
    CHECK_FALSE(world.alive(kNullEntity));
    CHECK_FALSE(world.has<Pos>(kNullEntity));
    CHECK(world.find<Pos>(kNullEntity) == nullptr);
    CHECK_FALSE(world.remove<Pos>(kNullEntity));
    CHECK_FALSE(world.destroy(kNullEntity));
    CHECK(world.has<Pos>(e));
}

TEST_CASE("World: destroy strips only that entity's components", "[ecs][world]") {
    World world;
    const Entity a = world.create();
    const Entity b = world.create();
    const Entity c = world.create();
    world.emplace<Pos>(a, 1.0F, 1.0F);
    world.emplace<Pos>(b, 2.0F, 2.0F);
    world.emplace<Pos>(c, 3.0F, 3.0F);
    world.emplace<Tag>(a);
    world.emplace<Tag>(c);
    world.emplace<Name>(b, "b");

    REQUIRE(world.destroy(a));
    CHECK(world.entity_count() == 2);
    CHECK(world.store<Pos>().size() == 2);
    CHECK(world.store<Tag>().size() == 1);
    CHECK(world.get<Pos>(b).x == 2.0F);
    CHECK(world.get<Pos>(c).y == 3.0F);
    CHECK(world.has<Tag>(c));
    CHECK(world.get<Name>(b).text == "b");
    CHECK(world.store<Pos>().check_invariants());
}

TEST_CASE("World: queries never create stores and store() creates once", "[ecs][world]") {
    World world;
    const Entity e = world.create();
    CHECK(world.find<Pos>(e) == nullptr);
    CHECK_FALSE(world.has<Pos>(e));
    CHECK_FALSE(world.remove<Pos>(e));
    CHECK(world.find_store<Pos>() == nullptr);
    const World& cworld = world;
    CHECK(cworld.view<const Pos>().size_hint() == 0);
    CHECK(world.store_count() == 0);

    auto& positions = world.store<Pos>();
    CHECK(&world.store<Pos>() == &positions);
    CHECK(world.find_store<Pos>() == &positions);
    CHECK(world.store_count() == 1);
    world.emplace<Tag>(e);
    CHECK(world.store_count() == 2);
}

TEST_CASE("World: const access and emplace_or_replace", "[ecs][world]") {
    World world;
    const Entity e = world.create();
    world.emplace<Pos>(e, 1.0F, 2.0F);
    world.emplace_or_replace<Pos>(e, 3.0F, 4.0F);
    CHECK(world.store<Pos>().size() == 1);
    const World& cworld = world;
    const Pos* p = cworld.find<Pos>(e);
    REQUIRE(p != nullptr);
    CHECK(p->x == 3.0F);
    CHECK(cworld.get<Pos>(e).y == 4.0F);
    const Pos* q = world.find<const Pos>(e);
    CHECK(q == p);
    CHECK(world.get<const Pos>(e).x == 3.0F);
}

TEST_CASE("World: clear and move", "[ecs][world]") {
    World world;
    const Entity a = world.create();
    world.emplace<Pos>(a, 1.0F, 1.0F);
    world.ctx().emplace<int>(7);

    World moved{std::move(world)};
    CHECK(moved.alive(a));
    CHECK(moved.get<Pos>(a).x == 1.0F);
    CHECK(moved.ctx().get<int>() == 7);
    CHECK(world.entity_count() == 0);  // NOLINT(bugprone-use-after-move): documented state
    CHECK(world.store_count() == 0);   // NOLINT(bugprone-use-after-move)
    CHECK(world.ctx().size() == 0);    // NOLINT(bugprone-use-after-move)

    moved.clear();
    CHECK(moved.entity_count() == 0);
    CHECK_FALSE(moved.alive(a));
    CHECK(moved.store<Pos>().empty());
    CHECK(moved.ctx().get<int>() == 7);  // singletons survive clear()
}

TEST_CASE("World: components are destroyed before context singletons", "[ecs][world]") {
    std::vector<std::string> log;
    {
        World world;
        world.ctx().emplace<Noisy>(&log, "ctx");
        const Entity e = world.create();
        world.emplace<Noisy>(e, &log, "component");
    }
    REQUIRE(log.size() == 2);
    CHECK(log[0] == "component");
    CHECK(log[1] == "ctx");
}

#ifndef NDEBUG
TEST_CASE("World: programming errors abort in debug builds", "[ecs][world]") {
    CHECK(aborts([] {
        World world;
        const Entity e = world.create();
        world.emplace<Pos>(e, 0.0F, 0.0F);
        world.emplace<Pos>(e, 1.0F, 1.0F);  // twice
    }));
    CHECK(aborts([] {
        World world;
        const Entity e = world.create();
        world.destroy(e);
        world.emplace<Pos>(e, 0.0F, 0.0F);  // stale
    }));
    CHECK(aborts([] {
        World world;
        world.emplace<Pos>(kNullEntity, 0.0F, 0.0F);  // null
    }));
    CHECK_FALSE(aborts([] {
        World world;
        world.emplace<Pos>(world.create(), 0.0F, 0.0F);  // the helper itself is not always "true"
    }));
}
#endif

#ifndef NDEBUG
TEST_CASE("World: get() on an absent component aborts", "[ecs][world]") {
    CHECK(aborts([] {
        World world;
        const Entity e = world.create();
        static_cast<void>(world.get<Pos>(e));  // no store at all
    }));
    CHECK(aborts([] {
        World world;
        const Entity e = world.create();
        world.emplace<Pos>(e, 0.0F, 0.0F);
        world.destroy(e);
        static_cast<void>(world.store<Pos>().get(e));  // stale
    }));
    CHECK(aborts([] {
        World world;
        static_cast<void>(world.ctx().get<Pos>());
    }));
}
#else
TEST_CASE("World: programming errors throw std::logic_error in release builds", "[ecs][world]") {
    World world;
    const Entity e = world.create();
    world.emplace<Pos>(e, 0.0F, 0.0F);
    CHECK_THROWS_AS(world.emplace<Pos>(e, 1.0F, 1.0F), std::logic_error);
    CHECK(world.get<Pos>(e).x == 0.0F);  // unchanged
    world.destroy(e);
    CHECK_THROWS_AS(world.emplace<Pos>(e, 0.0F, 0.0F), std::logic_error);
    CHECK(world.store<Pos>().empty());
}
#endif

namespace {

/// Applies the same pseudo-random operations to a world, returning what a view visits.
std::vector<Entity> scripted_run(World& world, std::uint32_t seed) {
    std::mt19937 rng{seed};
    std::vector<Entity> handles;
    for (int step = 0; step < 2'000; ++step) {
        const std::uint_fast32_t op = rng() % 5;
        if (op == 0 || handles.empty()) {
            handles.push_back(world.create());
        } else {
            const Entity e = handles[rng() % handles.size()];
            if (op == 1) {
                world.destroy(e);
            } else if (op == 2 && world.alive(e)) {
                world.emplace_or_replace<Pos>(e, static_cast<float>(step), 0.0F);
            } else if (op == 3 && world.alive(e)) {
                world.emplace_or_replace<Tag>(e);
            } else {
                world.remove<Pos>(e);
            }
        }
    }
    std::vector<Entity> order;
    world.view<Pos, Tag>().each([&](Entity e, Pos&, Tag&) { order.push_back(e); });
    return order;
}

}  // namespace

TEST_CASE("World: same operations give the same handles and iteration order", "[ecs][world]") {
    World first;
    World second;
    const std::vector<Entity> a = scripted_run(first, 99);
    const std::vector<Entity> b = scripted_run(second, 99);
    REQUIRE(a.size() > 10);
    CHECK(a == b);
    const auto pa = first.store<Pos>().entities();
    const auto pb = second.store<Pos>().entities();
    CHECK(std::vector<Entity>(pa.begin(), pa.end()) == std::vector<Entity>(pb.begin(), pb.end()));
}

TEST_CASE("World: 10'000 random operations agree with a std::map model", "[ecs][world]") {
    struct Model {
        std::optional<int> a;
        std::optional<std::string> b;
    };
    struct A {
        int v;
    };
    std::map<Entity, Model> model;
    std::vector<Entity> dead;
    World world;
    std::mt19937 rng{20240611};

    const auto random_live = [&]() -> Entity {
        auto it = model.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(rng() % model.size()));
        return it->first;
    };
    const auto check_all = [&] {
        REQUIRE(world.entity_count() == model.size());
        std::size_t count_a = 0;
        std::size_t count_b = 0;
        std::set<Entity> both;
        for (const auto& [e, m] : model) {
            REQUIRE(world.alive(e));
            REQUIRE(world.has<A>(e) == m.a.has_value());
            REQUIRE(world.has<std::string>(e) == m.b.has_value());
            if (m.a) {
                REQUIRE(world.get<A>(e).v == *m.a);
                ++count_a;
            }
            if (m.b) {
                REQUIRE(world.get<std::string>(e) == *m.b);
                ++count_b;
            }
            if (m.a && m.b) {
                both.insert(e);
            }
        }
        REQUIRE(world.store<A>().size() == count_a);
        REQUIRE(world.store<std::string>().size() == count_b);
        REQUIRE(world.store<A>().check_invariants());
        REQUIRE(world.store<std::string>().check_invariants());
        std::set<Entity> visited;
        world.view<const A, const std::string>().each([&](Entity e, const A& a, const std::string& s) {
            REQUIRE(visited.insert(e).second);
            REQUIRE(a.v == *model.at(e).a);
            REQUIRE(s == *model.at(e).b);
        });
        REQUIRE(visited == both);
        for (const Entity e : dead) {
            REQUIRE_FALSE(world.alive(e));
            REQUIRE_FALSE(world.has<A>(e));
            REQUIRE(world.find<std::string>(e) == nullptr);
        }
    };

    for (int step = 0; step < 10'000; ++step) {
        const std::uint_fast32_t op = model.empty() ? 0 : rng() % 8;
        switch (op) {
            case 0:
            case 1: {
                const Entity e = world.create();
                REQUIRE(model.count(e) == 0);
                model[e] = Model{};
                break;
            }
            case 2: {
                const Entity e = random_live();
                REQUIRE(world.destroy(e));
                REQUIRE_FALSE(world.destroy(e));
                model.erase(e);
                dead.push_back(e);
                break;
            }
            case 3: {
                const Entity e = random_live();
                world.emplace_or_replace<A>(e, step);
                model[e].a = step;
                break;
            }
            case 4: {
                const Entity e = random_live();
                std::string text{"s"};
                text += std::to_string(step);
                if (model[e].b) {
                    REQUIRE(world.has<std::string>(e));
                    world.get<std::string>(e) = text;
                } else {
                    world.emplace<std::string>(e, text);
                }
                model[e].b = text;
                break;
            }
            case 5: {
                const Entity e = random_live();
                REQUIRE(world.remove<A>(e) == model[e].a.has_value());
                model[e].a.reset();
                break;
            }
            case 6: {
                const Entity e = random_live();
                REQUIRE(world.remove<std::string>(e) == model[e].b.has_value());
                model[e].b.reset();
                break;
            }
            default: {  // poke a stale handle: must change nothing
                if (!dead.empty()) {
                    const Entity e = dead[rng() % dead.size()];
                    REQUIRE_FALSE(world.remove<A>(e));
                    REQUIRE_FALSE(world.destroy(e));
                }
                break;
            }
        }
        if (step % 250 == 0) {
            check_all();
        }
    }
    check_all();
    CHECK(model.size() > 50);
}

#pragma once
// Thin RAII wrappers over the SQLite C API for the history database: a connection and a
// prepared statement, each closed/finalized by its destructor. Every call returns SQLite's result
// code; error_text() turns the latest failure into a message. Values are always bound as
// parameters, never built into SQL text.
//
//   auto db = sql::Connection::open("/path/history.sqlite3", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
//   sql::Statement st{db, "INSERT INTO t (a, b) VALUES (?1, ?2)"};
//   st.bind(1, 3.5); st.bind(2, std::string_view{"text"});
//   if (st.step() != SQLITE_DONE) fail(db.error_text());

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bfr::history::sql {

/// One SQLite connection (closed by the destructor; movable, not copyable).
class Connection {
public:
    /// Opens `path` with `flags` (SQLITE_OPEN_*). Check ok(): a failed open keeps the message.
    Connection(const std::string& path, int flags);
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// True when the connection is open.
    [[nodiscard]] bool ok() const noexcept { return db_ != nullptr && open_rc_ == SQLITE_OK; }
    /// The result code of the open.
    [[nodiscard]] int open_result() const noexcept { return open_rc_; }
    /// The raw handle (null when the open failed).
    [[nodiscard]] sqlite3* get() const noexcept { return db_; }
    /// Runs SQL without parameters (schema, pragmas, transaction control); the result code.
    int exec(const char* sql_text);
    /// The latest error's message, e.g. "file is not a database".
    [[nodiscard]] std::string error_text() const;
    /// The latest error's extended result code.
    [[nodiscard]] int error_code() const noexcept;

private:
    sqlite3* db_ = nullptr;
    int open_rc_ = SQLITE_ERROR;
    std::string open_error_;
};

/// One prepared statement (finalized by the destructor; movable, not copyable).
class Statement {
public:
    /// An empty statement (prepare() or move one in).
    Statement() = default;
    /// Prepares `sql_text` on `db`; check ok() / prepare_result().
    Statement(const Connection& db, const char* sql_text);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// True when prepared.
    [[nodiscard]] bool ok() const noexcept { return stmt_ != nullptr; }
    /// The result code of the prepare.
    [[nodiscard]] int prepare_result() const noexcept { return prepare_rc_; }

    /// Resets for a new execution and clears every binding.
    void reset() noexcept;
    /// Binds parameter `index` (1-based). A NaN or infinite double, an empty optional and (for
    /// bind_text_or_null) an empty string bind NULL. Return SQLite's result code.
    int bind(int index, double value) noexcept;
    int bind(int index, std::int64_t value) noexcept;
    int bind(int index, std::string_view value) noexcept;
    int bind(int index, const std::optional<double>& value) noexcept;
    int bind(int index, const std::optional<std::int64_t>& value) noexcept;
    int bind_text_or_null(int index, std::string_view value) noexcept;
    int bind_null(int index) noexcept;

    /// Runs one step: SQLITE_ROW, SQLITE_DONE or an error code.
    int step() noexcept;

    /// Column `i` (0-based) of the current row.
    [[nodiscard]] bool is_null(int i) const noexcept;
    [[nodiscard]] double column_double(int i) const noexcept;
    [[nodiscard]] std::int64_t column_int(int i) const noexcept;
    [[nodiscard]] std::string column_text(int i) const;
    [[nodiscard]] std::optional<double> column_optional_double(int i) const noexcept;
    [[nodiscard]] std::optional<std::int64_t> column_optional_int(int i) const noexcept;

private:
    sqlite3_stmt* stmt_ = nullptr;
    int prepare_rc_ = SQLITE_MISUSE;
};

}  // namespace bfr::history::sql

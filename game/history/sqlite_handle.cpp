#include "game/history/sqlite_handle.hpp"

#include <cmath>
#include <utility>

namespace bfr::history::sql {

Connection::Connection(const std::string& path, int flags) {
    open_rc_ = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (open_rc_ != SQLITE_OK) {
        open_error_ = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(open_rc_);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        return;
    }
    sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection() {
    // close_v2 defers the close until every statement is finalized (they are, by their owners).
    if (db_ != nullptr) sqlite3_close_v2(db_);
}

Connection::Connection(Connection&& other) noexcept
    : db_{std::exchange(other.db_, nullptr)},
      open_rc_{other.open_rc_},
      open_error_{std::move(other.open_error_)} {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        if (db_ != nullptr) sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        open_rc_ = other.open_rc_;
        open_error_ = std::move(other.open_error_);
    }
    return *this;
}

int Connection::exec(const char* sql_text) {
    if (db_ == nullptr) return SQLITE_MISUSE;
    return sqlite3_exec(db_, sql_text, nullptr, nullptr, nullptr);
}

std::string Connection::error_text() const {
    if (db_ == nullptr) return open_error_.empty() ? std::string(sqlite3_errstr(open_rc_)) : open_error_;
    return sqlite3_errmsg(db_);
}

int Connection::error_code() const noexcept {
    return db_ == nullptr ? open_rc_ : sqlite3_extended_errcode(db_);
}

Statement::Statement(const Connection& db, const char* sql_text) {
    if (db.get() == nullptr) return;
    prepare_rc_ = sqlite3_prepare_v2(db.get(), sql_text, -1, &stmt_, nullptr);
    if (prepare_rc_ != SQLITE_OK) {
        sqlite3_finalize(stmt_);
        stmt_ = nullptr;
    }
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : stmt_{std::exchange(other.stmt_, nullptr)}, prepare_rc_{other.prepare_rc_} {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
        prepare_rc_ = other.prepare_rc_;
    }
    return *this;
}

void Statement::reset() noexcept {
    if (stmt_ == nullptr) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::bind(int index, double value) noexcept {
    if (!std::isfinite(value)) return bind_null(index);
    return sqlite3_bind_double(stmt_, index, value);
}

int Statement::bind(int index, std::int64_t value) noexcept {
    return sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value));
}

int Statement::bind(int index, std::string_view value) noexcept {
    // SQLITE_TRANSIENT: SQLite copies the text, so the view need not outlive the statement.
    return sqlite3_bind_text64(stmt_, index, value.data(), static_cast<sqlite3_uint64>(value.size()),
                               SQLITE_TRANSIENT, SQLITE_UTF8);
}

int Statement::bind(int index, const std::optional<double>& value) noexcept {
    return value ? bind(index, *value) : bind_null(index);
}

int Statement::bind(int index, const std::optional<std::int64_t>& value) noexcept {
    return value ? bind(index, *value) : bind_null(index);
}

int Statement::bind_text_or_null(int index, std::string_view value) noexcept {
    return value.empty() ? bind_null(index) : bind(index, value);
}

int Statement::bind_null(int index) noexcept {
    return sqlite3_bind_null(stmt_, index);
}

int Statement::step() noexcept {
    if (stmt_ == nullptr) return SQLITE_MISUSE;
    return sqlite3_step(stmt_);
}

bool Statement::is_null(int i) const noexcept {
    return sqlite3_column_type(stmt_, i) == SQLITE_NULL;
}

double Statement::column_double(int i) const noexcept {
    return sqlite3_column_double(stmt_, i);
}

std::int64_t Statement::column_int(int i) const noexcept {
    return static_cast<std::int64_t>(sqlite3_column_int64(stmt_, i));
}

std::string Statement::column_text(int i) const {
    const unsigned char* text = sqlite3_column_text(stmt_, i);
    if (text == nullptr) return {};
    const int bytes = sqlite3_column_bytes(stmt_, i);
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes));
}

std::optional<double> Statement::column_optional_double(int i) const noexcept {
    if (is_null(i)) return std::nullopt;
    return column_double(i);
}

std::optional<std::int64_t> Statement::column_optional_int(int i) const noexcept {
    if (is_null(i)) return std::nullopt;
    return column_int(i);
}

}  // namespace bfr::history::sql

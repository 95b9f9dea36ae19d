#pragma once
// Which receipt numbers a RecordDonation batch takes, decided before it takes its fund's counter.
//
// The counter row (fund, year) is locked from the statement that moves it until COMMIT. Taken
// first, it would be held while the batch writes its donations, events, responses and audit
// entries, and the fund's next batch would wait for all of that: intake one batch at a time.
// So a batch predicts its block instead: it continues from where the batches before it in this
// process will leave the counter, writes everything with those numbers, and moves the counter as
// its last statement, from first - 1 to first + count - 1 and only from there. If the
// counter is elsewhere (a batch before it failed, another process or path took numbers), that
// statement changes nothing and the batch runs again, taking its numbers from the counter
// itself. The counter and the unique receipt index keep the numbers gapless and unique; this
// class only makes the prediction right nearly always.
//
// Blocks of one counter take its lock in the order they were reserved (wait_for_turn): a block
// that reached the counter before the block it continues from would find the counter short of
// its first number.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace vnn::donation {

class ReceiptSequence {
  struct Counter;

 public:
  // How long a block waits for the blocks before it. A block stuck before the counter (waiting
  // for a row this one holds) would otherwise wait for ever; after this the block goes ahead and
  // its prediction fails, which rolls it back and frees the other.
  static constexpr std::chrono::milliseconds kTurnTimeout{1000};

  class Block {
   public:
    Block(ReceiptSequence& owner, Counter& counter, std::uint64_t ticket, std::int64_t count,
          std::optional<std::int64_t> first);
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;
    ~Block();  // a block never told its end ended with a rollback

    // The first number, when predicted; nullopt: take the numbers from the counter (locking it).
    std::optional<std::int64_t> predicted_first() const { return predicted_; }
    // Returns when every block reserved before this one has taken the counter's lock or ended
    // (or after kTurnTimeout).
    void wait_for_turn();
    // The counter's lock is held now, and this block's numbers start at `first`.
    void locked(std::int64_t first);
    // The transaction ended.
    void ended(bool committed);

   private:
    ReceiptSequence& owner_;
    Counter& counter_;
    const std::uint64_t ticket_;
    const std::int64_t count_;
    const std::optional<std::int64_t> predicted_;
    bool locked_ = false;
    bool ended_ = false;
  };

  // A block of `count` numbers of the fund's counter for `year`; with `predict` false, its
  // numbers are to be taken from the counter whatever the sequence knows.
  std::unique_ptr<Block> reserve(const std::string& fund_id, int year, std::int64_t count,
                                 bool predict = true);

 private:
  struct Counter {
    // The counter after every block reserved so far, when known.
    std::optional<std::int64_t> next;
    // Reserved blocks that take their numbers from the counter and have not yet learnt them:
    // while there are any, nothing can be predicted.
    int unpredicted = 0;
    std::uint64_t next_ticket = 0;
    // Tickets of blocks that have neither locked the counter nor ended, oldest first.
    std::set<std::uint64_t> before_counter;
    std::condition_variable turn;
  };

  std::mutex mutex_;
  std::map<std::pair<std::string, int>, Counter> counters_;
};

}  // namespace vnn::donation

#include "rules/receipt_sequence.h"

namespace vnn::donation {

std::unique_ptr<ReceiptSequence::Block> ReceiptSequence::reserve(const std::string& fund_id,
                                                                 int year, std::int64_t count,
                                                                 bool predict) {
  std::lock_guard lock(mutex_);
  Counter& counter = counters_[{fund_id, year}];
  const std::uint64_t ticket = counter.next_ticket++;
  counter.before_counter.insert(ticket);
  std::optional<std::int64_t> first;
  if (predict && counter.next && counter.unpredicted == 0) {
    first = *counter.next + 1;
    *counter.next += count;
  } else {
    ++counter.unpredicted;
  }
  return std::make_unique<Block>(*this, counter, ticket, count, first);
}

ReceiptSequence::Block::Block(ReceiptSequence& owner, Counter& counter, std::uint64_t ticket,
                              std::int64_t count, std::optional<std::int64_t> first)
    : owner_(owner), counter_(counter), ticket_(ticket), count_(count), predicted_(first) {}

ReceiptSequence::Block::~Block() { ended(false); }

void ReceiptSequence::Block::wait_for_turn() {
  std::unique_lock lock(owner_.mutex_);
  counter_.turn.wait_for(lock, kTurnTimeout, [&] {
    return counter_.before_counter.empty() || *counter_.before_counter.begin() == ticket_;
  });
}

void ReceiptSequence::Block::locked(std::int64_t first) {
  std::lock_guard lock(owner_.mutex_);
  if (locked_ || ended_) return;
  locked_ = true;
  counter_.before_counter.erase(ticket_);
  if (!predicted_ && --counter_.unpredicted == 0) {
    // The last block to learn its numbers from the counter: blocks lock it in ticket order, so
    // this one's end is where every block reserved so far leaves the counter.
    counter_.next = first + count_ - 1;
  }
  counter_.turn.notify_all();
}

void ReceiptSequence::Block::ended(bool committed) {
  std::lock_guard lock(owner_.mutex_);
  if (ended_) return;
  ended_ = true;
  if (!locked_) {
    counter_.before_counter.erase(ticket_);
    if (!predicted_) --counter_.unpredicted;
  }
  // A block rolled back leaves the counter short of what the blocks after it expect: they will
  // fail their prediction, and the next block learns the counter afresh.
  if (!committed) counter_.next.reset();
  counter_.turn.notify_all();
}

}  // namespace vnn::donation

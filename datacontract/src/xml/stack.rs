//! A stack whose first entries live inline, for the reader's few namespaces, declarations,
//! open elements and attributes.
// Input reaches this module: nothing here may panic on it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// A stack whose first `N` entries live inline: the few namespaces, declarations and open
/// elements of a typical document need no allocation.
pub(crate) struct Stack<T, const N: usize> {
    inline: [T; N],
    len: usize,
    /// The entries past the first `N`.
    spill: Vec<T>,
}

impl<T: Default, const N: usize> Stack<T, N> {
    pub fn new() -> Self {
        Stack {
            inline: std::array::from_fn(|_| T::default()),
            len: 0,
            spill: Vec::new(),
        }
    }

    /// Empties the stack (what spilled keeps its allocation).
    pub fn clear(&mut self) {
        self.len = 0;
        self.spill.clear();
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn push(&mut self, value: T) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = value,
            None => self.spill.push(value),
        }
        self.len += 1;
    }

    pub fn pop(&mut self) -> Option<T> {
        let last = self.len.checked_sub(1)?;
        let value = if last < N {
            self.inline.get_mut(last).map(std::mem::take)
        } else {
            self.spill.pop()
        };
        self.len = last;
        value
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            None
        } else if i < N {
            self.inline.get(i)
        } else {
            self.spill.get(i - N)
        }
    }

    pub fn last(&self) -> Option<&T> {
        self.get(self.len.checked_sub(1)?)
    }

    /// The entries, first pushed first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.inline
            .get(..self.len.min(N))
            .unwrap_or_default()
            .iter()
            .chain(&self.spill)
    }
}

//! What the generated strategies (`differential/generated/*.rs`) hand each contract to: the one
//! definition of the trait, included as the crate's `check` module by every test crate that
//! uses the strategies (the differential suite re-exports it from its `check`).

use h2h_models::DataContract;
use proptest::strategy::BoxedStrategy;

/// What the generated `contracts` functions hand their contracts to.
pub trait Suite {
    /// Checks the contract named `clr_name` (full CLR name) on values of `all_directions`
    /// (in every direction) and, when given, of `with_subtypes` (values that hold a known
    /// subtype in place of a declared type; checked where DCS reads the value).
    fn contract<T: DataContract + Clone + 'static>(
        &mut self,
        clr_name: &str,
        all_directions: BoxedStrategy<T>,
        with_subtypes: Option<BoxedStrategy<T>>,
    );
}

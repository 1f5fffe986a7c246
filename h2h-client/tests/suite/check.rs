//! What the generated strategies hand their contracts to (as in the differential suite).

use h2h_models::DataContract;
use proptest::strategy::BoxedStrategy;

/// A receiver of each contract's strategies.
pub trait Suite {
    fn contract<T: DataContract + Clone + 'static>(
        &mut self,
        clr_name: &str,
        all_directions: BoxedStrategy<T>,
        with_subtypes: Option<BoxedStrategy<T>>,
    );
}

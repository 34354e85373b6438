//! One `Store` for a backend, composed of the parts each concern writes
//! from the SQL both backends share (`travellers`, `users`, `phones`,
//! `search_store`, `guards`) and what the backend itself provides (its
//! `Dialect`). A backend that needs its own query for one concern implements
//! that concern's trait itself instead of taking the shared one.

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {
            async fn close(&self) {
                self.close_pool().await;
            }
        }
    };
}

pub(crate) use impl_store;

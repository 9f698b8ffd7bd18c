import ServiceLifecycle

extension Service {
    /// Returns once the group shuts this service down (or the task is cancelled): a service of the
    /// daemon never ends by itself, since an early return would end the whole group.
    func waitForShutdown() async {
        try? await gracefulShutdown()
    }
}

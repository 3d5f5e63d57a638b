import AishKit
import Testing

/// Rhetor v1's model failures, which arrive as a successful reply holding a Python dict.
@Suite struct RhetorModelErrorTests {
    @Test func recognisesExactlyTheRecordedDict() {
        let recorded = "{'type': 'error', 'ai_id': 'apollo-ci', 'error': 'simulated model failure'}"
        #expect(RhetorModelError.message(in: recorded) == "the model failed: simulated model failure")
        #expect(RhetorModelError.message(in: " \(recorded)\n") == "the model failed: simulated model failure")
        #expect(RhetorModelError.message(in: "{'type': 'error'}") == "the model failed without saying why")
        #expect(RhetorModelError.message(in: "Here is the dict: \(recorded)") == nil)
        #expect(RhetorModelError.message(in: "{'type': 'text', 'error': 'x'}") == nil)
    }

    @Test func aStreamHoldsOnlyWhatMayStillBeTheDict() {
        #expect(RhetorModelError.mayBegin(""))
        #expect(RhetorModelError.mayBegin("{'ty"))
        #expect(RhetorModelError.mayBegin("{'type': 'error', 'ai_id"))
        #expect(!RhetorModelError.mayBegin("{\"type"))
        #expect(!RhetorModelError.mayBegin("Hello"))
    }
}

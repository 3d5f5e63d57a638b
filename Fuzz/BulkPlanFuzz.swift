// libFuzzer harness for the bulk plan reader: BulkJSONParser and the plan checks
// behind BulkPlan.read (compiled with the Bulk sources it needs; see `make fuzz`).
//
// Input: a plan file, as bytes.
// Properties, each a trap when broken:
// - reading never traps, and reading twice gives the same plan and problems;
// - a failure's offset lies within the input, and every problem has a location;
// - a plan that parses has 1 to 100 operations with distinct valid ids, whose
//   dependencies are all operations of the plan;
// - whatever BulkJSONParser accepts, Foundation's JSONSerialization accepts too
//   (it is the stricter of the two: it refuses duplicate keys and lone surrogates).

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func bulkPlanFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let (plan, problems) = BulkPlan.read(bytes)
    let (again, problemsAgain) = BulkPlan.read(bytes)
    precondition(plan == again && problems == problemsAgain, "reading twice gave different answers")
    precondition(problems.allSatisfy { !$0.location.isEmpty && !$0.message.isEmpty }, "a problem without words")

    do {
        let value = try BulkJSONParser.parse(bytes)
        if case .object = value {
            precondition(
                (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil,
                "accepted JSON that Foundation rejects")
        }
    } catch {
        precondition(error.offset >= 0 && error.offset <= bytes.count, "error offset out of range")
    }

    if let plan, problems.isEmpty {
        let ids = plan.operations.map(\.id)
        precondition((1...BulkPlan.maxOperations).contains(ids.count), "a plan with a bad number of operations")
        precondition(Set(ids).count == ids.count, "a plan with duplicate ids")
        precondition(ids.allSatisfy(BulkPlanChecks.isValidID), "a plan with an invalid id")
        let known = Set(ids)
        precondition(
            plan.operations.allSatisfy { $0.dependsOn.allSatisfy(known.contains) }, "a plan with an unknown dependency")
    }
    return 0
}

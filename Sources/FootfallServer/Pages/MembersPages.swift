import Faces
import Foundation
import FootfallCore
import HTTPTypes
import Hummingbird

/// `/members`: staff manage the site's people in the browser: list and search, add, photos
/// with each one's verdict, enrolment from the webcam, status, and deletion that says what it
/// erases. Every form carries the session's CSRF token.
struct MembersPages {
    let service: FootfallService

    func add(to router: Router<FootfallRequestContext>) {
        let pages = router.group("members").add(middleware: SessionAuthentication(service: service))

        pages.get { request, context -> Response in
            let search = request.uri.queryParameters["search"].map(String.init) ?? ""
            var members = try await service.store.members()
            if !search.isEmpty {
                members = members.filter { $0.name.localizedCaseInsensitiveContains(search) || $0.externalID?.localizedCaseInsensitiveContains(search) == true }
            }
            var counts = [UUID: Int]()
            for sample in try await service.store.gallerySamples(embedding: service.embedding) { counts[sample.member.id, default: 0] += 1 }
            let rows = members.map { member in
                "<tr><td><a href=\"/members/\(member.id.uuidString.lowercased())\">\(Page.escaped(member.name))</a></td><td>\(Page.escaped(member.externalID ?? ""))</td><td>\(member.status.rawValue)</td><td>\(counts[member.id] ?? 0)</td></tr>"
            }.joined()
            return Page.response(title: "Members", session: context.session, body: """
                <form method="get" action="/members"><input name="search" value="\(Page.escaped(search))" placeholder="Name or membership number"> <button>Search</button></form>
                <section><table><tr><th>Name</th><th>External id</th><th>Status</th><th>Samples</th></tr>\(rows.isEmpty ? "<tr><td colspan=\"4\">No members.</td></tr>" : rows)</table></section>
                <section><h2>Add a member</h2><form class="login" method="post" action="/members">\(Page.csrfField(context.session!))
                <label>Name <input name="name" required></label><label>External id (membership number) <input name="external_id"></label>
                <button>Add</button></form></section>
                """)
        }

        pages.post { request, context -> Response in
            let form = try await FormBody.read(request)
            try Self.checkCSRF(form["csrf"], context)
            let externalID = form["external_id"].flatMap { $0.isEmpty ? nil : $0 }
            let member = try Member(name: form["name"] ?? "", externalID: externalID, consentAt: Date())
            try await service.store.enrol(member, samples: [], by: context.actor)
            return Page.redirect(to: "/members/\(member.id.uuidString.lowercased())")
        }

        pages.get(":member") { _, context -> Response in
            let member = try await self.member(context)
            return try await detail(member, context: context, verdicts: [])
        }

        pages.post(":member/photos") { request, context -> Response in
            let member = try await self.member(context)
            let upload = try await UploadedImages.read(request, context: context)
            try Self.checkCSRF(upload.fields["csrf"].map { String(decoding: $0, as: UTF8.self) }, context)
            var verdicts = [(String, String)]()
            var accepted = [FaceSample]()
            let enrolment = service.enrolment
            for part in upload.parts where part.name == "photos" && !part.data.isEmpty {
                let name = part.fileName ?? "photo"
                let judged = try await service.pool.run { enrolment.sample(from: part.data, name: name, memberID: member.id, source: .photo) }
                switch judged {
                case let .success(sample): accepted.append(sample); verdicts.append((name, "accepted"))
                case let .failure(refusal): verdicts.append((name, "refused: \(refusal)"))
                }
            }
            if !accepted.isEmpty {
                try await service.store.enrol(member, samples: accepted, by: context.actor)
                try await service.gallery.refresh()
            }
            return try await detail(member, context: context, verdicts: verdicts)
        }

        pages.post(":member/webcam") { request, context -> Response in
            let member = try await self.member(context)
            try Self.checkCSRF(request.headers[HTTPField.Name("x-csrf-token")!], context)
            let frame = try await UploadedImages.read(request, context: context).image("file")
            let enrolment = service.enrolment
            let judged = try await service.pool.run { enrolment.sample(from: frame, name: "the webcam frame", memberID: member.id, source: .webcam) }
            switch judged {
            case let .success(sample):
                try await service.store.enrol(member, samples: [sample], by: context.actor)
                try await service.gallery.refresh()
                return try JSONResponse.make(WebcamVerdict(accepted: true, advice: "Got it — hold still", samples: try await service.store.samples(ofMember: member.id).count))
            case let .failure(refusal):
                return try JSONResponse.make(WebcamVerdict(accepted: false, advice: Self.advice(refusal), samples: try await service.store.samples(ofMember: member.id).count))
            }
        }

        pages.post(":member/status") { request, context -> Response in
            var member = try await self.member(context)
            let form = try await FormBody.read(request)
            try Self.checkCSRF(form["csrf"], context)
            guard let status = form["status"].flatMap(Member.Status.init(rawValue:)) else { throw APIError(.badRequest, "unknown status") }
            member.status = status
            member.updatedAt = Date()
            try await service.store.update(member, by: context.actor)
            try await service.gallery.refresh()
            return Page.redirect(to: "/members/\(member.id.uuidString.lowercased())")
        }

        pages.post(":member/delete") { request, context -> Response in
            let member = try await self.member(context)
            let form = try await FormBody.read(request)
            try Self.checkCSRF(form["csrf"], context)
            guard form["confirm"] == "erase" else { throw APIError(.badRequest, "tick the box that confirms everything about the member is erased") }
            try await service.store.removeMember(id: member.id, by: context.actor)
            try await service.gallery.refresh()
            return Page.redirect(to: "/members")
        }
    }

    struct WebcamVerdict: Encodable {
        var accepted: Bool
        var advice: String
        var samples: Int
    }

    /// What to tell the person in front of the webcam when a frame was refused.
    static func advice(_ refusal: EnrolmentRefusal) -> String {
        switch refusal {
        case .noFace: "Centre your face in the picture"
        case .ambiguousSubject: "Only one person in the picture, please"
        case .faceTooSmall: "Come closer"
        case .blurred: "Hold still"
        case .notFrontal: "Look straight at the camera"
        case .unreadable: "The camera picture could not be read"
        }
    }

    static func checkCSRF(_ presented: String?, _ context: FootfallRequestContext) throws {
        guard let session = context.session, presented == session.csrf else {
            throw APIError(.forbidden, "the form's CSRF token is missing or wrong: reload the page")
        }
    }

    private func member(_ context: FootfallRequestContext) async throws -> Member {
        let key = try context.parameters.require("member")
        guard let id = UUID(uuidString: key), let member = try await service.store.member(id: id) else {
            throw APIError(.notFound, "no member \(key.debugDescription)")
        }
        return member
    }

    private func detail(_ member: Member, context: FootfallRequestContext, verdicts: [(String, String)]) async throws -> Response {
        let session = context.session!
        let id = member.id.uuidString.lowercased()
        let samples = try await service.store.samples(ofMember: member.id)
        let sampleRows = samples.map {
            "<tr><td>\($0.source.rawValue)</td><td>\(Int($0.quality.faceWidth)) px</td><td>\(Int($0.quality.sharpness))</td><td>\(String(format: "%.2f", $0.quality.yaw))</td><td>\($0.createdAt.formatted(.iso8601))</td></tr>"
        }.joined()
        let verdictList = verdicts.isEmpty ? "" : "<section><h2>Photos just uploaded</h2><ul>" + verdicts.map {
            "<li>\(Page.escaped($0.0)): \(Page.escaped($0.1))</li>"
        }.joined() + "</ul></section>"
        let statuses = Member.Status.allCases.map { "<option\($0 == member.status ? " selected" : "")>\($0.rawValue)</option>" }.joined()
        return Page.response(title: member.name, session: session, body: """
            <p>Status: <strong>\(member.status.rawValue)</strong>\(member.externalID.map { " · external id \(Page.escaped($0))" } ?? "")</p>
            \(verdictList)
            <section><h2>Samples (\(samples.count))</h2><table><tr><th>From</th><th>Face</th><th>Sharpness</th><th>Yaw</th><th>Added</th></tr>\(sampleRows)</table></section>
            <section><h2>Add photos</h2><form method="post" action="/members/\(id)/photos" enctype="multipart/form-data">\(Page.csrfField(session))
            <input type="file" name="photos" accept="image/jpeg,image/png" multiple required> <button>Upload</button></form></section>
            <section><h2>Enrol from the webcam</h2><p id="advice">Press start, then look at the camera: five good pictures are taken automatically.</p>
            <video id="camera" autoplay playsinline muted width="320" height="240"></video><br><button id="start">Start</button>
            <span id="count"></span></section>
            <section><h2>Status</h2><form method="post" action="/members/\(id)/status">\(Page.csrfField(session))<select name="status">\(statuses)</select> <button>Change</button></form></section>
            <section><h2>Delete</h2><form method="post" action="/members/\(id)/delete">\(Page.csrfField(session))
            <label><input type="checkbox" name="confirm" value="erase" required> Erase \(Page.escaped(member.name)) and everything that identifies them: samples, photos, and their place in the unknown-visitors inbox. Past visits stay only as anonymous counts.</label>
            <button>Delete</button></form></section>
            <script>\(Self.webcamScript(memberPath: "/members/\(id)/webcam", csrf: session.csrf))</script>
            """)
    }

    static func webcamScript(memberPath: String, csrf: String) -> String {
        """
        (() => {
          const wanted = 5, video = document.getElementById('camera'), advice = document.getElementById('advice');
          const count = document.getElementById('count'), canvas = document.createElement('canvas');
          window.footfallEnrolment = { accepted: 0, answers: [] };
          document.getElementById('start').addEventListener('click', async () => {
            try {
              video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
              await video.play();
            } catch (error) { advice.textContent = 'No camera: ' + error; return; }
            let accepted = 0;
            while (accepted < wanted) {
              canvas.width = video.videoWidth; canvas.height = video.videoHeight;
              canvas.getContext('2d').drawImage(video, 0, 0);
              const body = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
              const response = await fetch('\(memberPath)', { method: 'POST', body,
                headers: { 'content-type': 'image/jpeg', 'x-csrf-token': '\(csrf)' } });
              const answer = await response.json();
              window.footfallEnrolment.answers.push(answer);
              if (!response.ok) { advice.textContent = answer.message || 'Error'; return; }
              if (answer.accepted) { accepted += 1; window.footfallEnrolment.accepted = accepted; }
              advice.textContent = answer.advice;
              count.textContent = accepted + ' of ' + wanted;
              await new Promise((resolve) => setTimeout(resolve, 400));
            }
            advice.textContent = 'Done: ' + wanted + ' samples taken.';
            video.srcObject.getTracks().forEach((track) => track.stop());
          });
        })();
        """
    }
}

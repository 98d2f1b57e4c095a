"""The case tools' part of the message catalogue (zh first, en available)."""

from __future__ import annotations

from toolkit.i18n import add_messages

add_messages(
    {
        # The call file
        "case.call.unknown": {
            "zh": "没有名为“{name}”的案例征集规则（可用：{known}）",
            "en": "no case call named '{name}' (available: {known})",
        },
        "case.call.missing_file": {"zh": "找不到这个征集规则文件", "en": "this call file does not exist"},
        "case.call.unreadable": {
            "zh": "征集规则文件无法读取：{reason}",
            "en": "the call file cannot be read: {reason}",
        },
        "case.call.schema": {
            "zh": "schema_version 应为 {expected}，kind 应为 case-call",
            "en": "schema_version must be {expected} and kind must be 'case-call'",
        },
        "case.call.field": {"zh": "“{field}”不正确", "en": "'{field}' is wrong"},
        "case.call.section": {
            "zh": "缺少“{field}”一节（应为键值表）",
            "en": "section '{field}' is missing (a mapping)",
        },
        "case.call.number": {
            "zh": "“{field}”应为不小于 {low} 的整数，这里是“{value}”",
            "en": "'{field}' must be a whole number of at least {low}, found '{value}'",
        },
        "case.call.text": {"zh": "“{field}”应为非空文字", "en": "'{field}' must be non-empty text"},
        "case.call.texts": {
            "zh": "“{field}”应为非空的文字列表",
            "en": "'{field}' must be a non-empty list of texts",
        },
        "case.call.entries": {
            "zh": "“{field}”应为非空列表，每项是一个键值表",
            "en": "'{field}' must be a non-empty list of mappings",
        },
        "case.call.duplicate": {"zh": "“{field}”有重复的值", "en": "'{field}' has a value twice"},
        "case.call.unknown_type": {
            "zh": "没有“{value}”这种案例类型（可用：{known}）",
            "en": "no case type '{value}' (available: {known})",
        },
        # Finding the parts
        "case.not_found": {
            "zh": "不是案例文件夹，也不是 .zip 压缩包",
            "en": "neither a case folder nor a .zip package",
        },
        "case.parts.no_form": {
            "zh": "没有找到案例信息表（含“案例名称”“案例类型”表格的 Word 文件）",
            "en": "no case information form (a Word file with the 案例名称/案例类型 table)",
        },
        "case.parts.form_unreadable": {
            "zh": "“{file}”不是能读出案例信息表的 Word 文件（.docx）；请用 Word 另存为 .docx",
            "en": "'{file}' is not a Word file (.docx) holding the form; save it as .docx in Word",
        },
        "case.parts.two_forms": {
            "zh": "有不止一份案例信息表：{files}，只能保留一份",
            "en": "more than one information form: {files}; keep one",
        },
        "case.parts.no_document": {
            "zh": "没有找到案例介绍文档（如“{name}”）",
            "en": "no case document (such as '{name}')",
        },
        "case.parts.which_document": {
            "zh": "无法判断哪个是案例介绍文档：{files}。请把文档命名为“{name}”，其他文件放入“{folder}”文件夹",
            "en": "cannot tell which file is the case document: {files}. Name it '{name}' and move the others into '{folder}'",
        },
        "case.zip.bad": {
            "zh": "压缩包已损坏或不是 zip 文件（{reason}）",
            "en": "the package is damaged or not a zip file ({reason})",
        },
        "case.zip.too_big": {
            "zh": "解压后共 {size:.1f} MB，超过 {limit:g} MB 的上限",
            "en": "{size:.1f} MB once unpacked, over the {limit:g} MB limit",
        },
        "case.zip.unsafe": {
            "zh": "压缩包中的“{member}”指向文件夹之外，拒绝解压",
            "en": "member '{member}' points outside the folder; not unpacked",
        },
        "case.zip.link": {
            "zh": "压缩包中的“{member}”是符号链接，拒绝解压",
            "en": "member '{member}' is a symbolic link; not unpacked",
        },
        # The form
        "case.form.no_name": {"zh": "案例名称未填写", "en": "the case name is empty"},
        "case.form.no_authors": {"zh": "作者信息未填写", "en": "no author is filled in"},
        "case.form.too_many_authors": {
            "zh": "作者 {count} 人，每件案例最多 {limit} 人",
            "en": "{count} authors; a case has at most {limit}",
        },
        "case.form.author_no_name": {
            "zh": "第 {number} 位作者没有填写姓名",
            "en": "author {number} has no name",
        },
        "case.form.no_type": {
            "zh": "案例类型没有勾选（{options}，选其一）",
            "en": "no case type is ticked (tick one of: {options})",
        },
        "case.form.many_types": {
            "zh": "勾选了 {count} 种案例类型（{names}），只能勾选一种",
            "en": "{count} case types are ticked ({names}); tick exactly one",
        },
        "case.form.no_host": {
            "zh": "“{type}”的作者中须有工作室主持人：请在该作者的“职称/职务”栏写明“工作室主持人”",
            "en": "a '{type}' must have the studio's host among its authors: write 工作室主持人 in that author's 职称/职务",
        },
        "case.form.no_overview": {"zh": "案例概述未填写", "en": "the overview is empty"},
        "case.form.overview_long": {
            "zh": "案例概述 {count} 字，超过 {limit} 字的上限",
            "en": "the overview has {count} characters, over the limit of {limit}",
        },
        "case.form.no_declaration": {
            "zh": "缺少作者声明（原创声明）",
            "en": "the author declaration is missing",
        },
        "case.form.unsigned": {
            "zh": "作者声明没有签名（在“作者签名”后写上姓名或贴上签名图片）",
            "en": "the declaration is not signed (type a name or paste a signature after 作者签名)",
        },
        "case.form.no_consent": {
            "zh": "缺少共享提示（同意结集出版与共享、同意推荐给国家智慧教育公共服务平台）",
            "en": "the sharing consent (publication and recommendation) is missing",
        },
        # The document and the material
        "case.unknown_format": {"zh": "无法识别的格式", "en": "an unrecognised format"},
        "case.document.legacy": {
            "zh": "是旧版 Word 文件（.doc），无法核对字数和栏目；请在 Word 中另存为 .docx",
            "en": "is a legacy Word file (.doc), whose length and sections cannot be checked; save it as .docx",
        },
        "case.document.not_word": {
            "zh": "案例介绍文档须为 Word 文件（.docx），这个文件的内容是{kind}",
            "en": "the case document must be a Word file (.docx); this one holds {kind}",
        },
        "case.document.damaged": {
            "zh": "Word 文件已损坏，无法打开",
            "en": "the Word file is damaged and cannot be opened",
        },
        "case.document.long": {
            "zh": "案例介绍文档 {count} 字，超过 {limit} 字的上限",
            "en": "the case document has {count} characters, over the limit of {limit}",
        },
        "case.document.missing_section": {
            "zh": "缺少“{section}”部分（作为标题或段首）",
            "en": "the section '{section}' is missing (as a heading or a paragraph's first words)",
        },
        "case.material.none": {
            "zh": "没有相关支撑材料（放在“{folder}”文件夹中）",
            "en": "no supporting material (put it in the '{folder}' folder)",
        },
        "case.material.kind": {
            "zh": "“.{kind}”不是可提交的支撑材料格式（可用：{allowed}）",
            "en": "'.{kind}' is not an accepted kind of material (accepted: {allowed})",
        },
        "case.material.empty": {"zh": "是空文件", "en": "is empty"},
        "case.material.mismatch": {
            "zh": "扩展名是 .{claimed}，内容却是{kind}",
            "en": "named .{claimed} but holds {kind}",
        },
        "case.material.generic_name": {
            "zh": "请按内容命名（如“启动会通知.pdf”“校本研修现场.jpg”）",
            "en": "name it by its content (e.g. 启动会通知.pdf)",
        },
        "case.material.link": {
            "zh": "是符号链接，不能作为支撑材料",
            "en": "is a symbolic link and cannot be material",
        },
        "case.too_big": {
            "zh": "案例总大小 {size:.1f} MB，超过 {limit:g} MB 的上限",
            "en": "the case totals {size:.1f} MB, over the {limit:g} MB limit",
        },
        # new, check, pack
        "case.new.exists": {
            "zh": "该位置已有内容，请换一个新的文件夹名",
            "en": "this place is not empty; choose a new folder",
        },
        "case.new.done": {
            "zh": "已创建案例文件夹 {folder}：\n  {form}（案例信息表，填写并勾选类型）\n  {document}（案例介绍文档，含四个部分的标题）\n  {materials}/（相关支撑材料放这里）\n填写完成后运行：workshop case check {folder}",
            "en": "Created case folder {folder}:\n  {form} (the information form)\n  {document} (the case document, four section headings)\n  {materials}/ (supporting material goes here)\nWhen done, run: workshop case check {folder}",
        },
        "case.check.ok": {
            "zh": "{case}：通过检查。{type}，第一作者 {author}，概述 {overview} 字，正文 {document} 字，共 {files} 个文件 {size:.1f} MB",
            "en": "{case}: passes. {type}, first author {author}, overview {overview} characters, document {document}, {files} files, {size:.1f} MB",
        },
        "case.rejected": {
            "zh": "{case} 未通过检查，共 {count} 个问题：",
            "en": "{case} fails the checks, {count} problem(s):",
        },
        "case.pack.not_folder": {
            "zh": "请给出案例文件夹（打包前要先检查它）",
            "en": "give the case folder (it is checked before packing)",
        },
        "case.pack.taken": {
            "zh": "这里已有另一件案例的同名压缩包，未覆盖；请换一个输出文件夹",
            "en": "another case's package already has this name; not overwritten. Choose another folder",
        },
        "case.pack.zip_too_big": {
            "zh": "压缩包 {size:.1f} MB，超过上限，未保存",
            "en": "the package is {size:.1f} MB, over the limit; not saved",
        },
        "case.pack.done": {
            "zh": "已打包 {file}（{files} 个文件，{size:.1f} MB）",
            "en": "Packed {file} ({files} files, {size:.1f} MB)",
        },
        # studios
        "case.studio.number": {"zh": "“{value}”不是数字", "en": "'{value}' is not a number"},
        "case.studio.duplicate": {
            "zh": "主持人 {host} 登记了不止一次",
            "en": "host {host} is registered more than once",
        },
        "case.studio.contribution": {
            "zh": "工作室年度贡献值 {value}，不足 {limit:g}",
            "en": "the studio's yearly contribution is {value}, below {limit:g}",
        },
        "case.studio.livestreams": {
            "zh": "工作室全年直播 {value} 次，不足 {limit} 次",
            "en": "the studio held {value} livestreams this year, fewer than {limit}",
        },
        # first review
        "case.review.unreadable": {
            "zh": "初评记录不是 UTF-8 文本，无法读取",
            "en": "the review record is not UTF-8 text",
        },
        "case.review.header": {
            "zh": "初评记录的表头应为：{header}",
            "en": "the review record's header must be: {header}",
        },
        "case.review.row": {
            "zh": "这一行不完整，或结论不是“通过”/“取消资格”",
            "en": "this row is incomplete or its verdict is not 通过/取消资格",
        },
        "case.review.reason": {
            "zh": "“{value}”不是取消资格的原因（可用：{known}）",
            "en": "'{value}' is not a disqualification reason (available: {known})",
        },
        "case.review.reason_needed": {
            "zh": "取消资格须写明原因（可用：{known}）",
            "en": "a disqualification needs a reason (available: {known})",
        },
        "case.review.reason_on_pass": {
            "zh": "通过的案例不写取消原因",
            "en": "a passed case takes no disqualification reason",
        },
        "case.review.done": {
            "zh": "已记录初评：{entry}（{author}《{title}》）{verdict}{reason}，初评人 {reviewer}，{at}",
            "en": "Review recorded: {entry} ({author}, {title}) {verdict}{reason}, by {reviewer} at {at}",
        },
        "case.review.no_case": {
            "zh": "区级文件夹中没有名为“{entry}”的案例",
            "en": "no case named '{entry}' in the district folder",
        },
        "case.review.unnamed": {
            "zh": "读不出案例名称和第一作者，请先修正案例信息表（workshop case check）",
            "en": "the case's name and first author cannot be read; fix its form first (workshop case check)",
        },
        # district
        "case.district.not_folder": {"zh": "不是文件夹", "en": "not a folder"},
        "case.district.progress": {"zh": "检查案例", "en": "Checking cases"},
        "case.district.no_register": {
            "zh": "工作室案例须核对工作室年度贡献值与直播次数：请在区级文件夹中放入“{stem}.xlsx”（主持人、年度贡献值、直播次数）",
            "en": "studio cases need the studios' contribution and livestreams: add '{stem}.xlsx' (主持人, 年度贡献值, 直播次数)",
        },
        "case.district.unregistered": {
            "zh": "{register}中没有主持人 {hosts} 的工作室",
            "en": "{register} has no studio hosted by {hosts}",
        },
        "case.district.duplicate": {
            "zh": "{entry} 与 {other} 是同一案例（第一作者 {author}，《{title}》），只计一次，请删去其一",
            "en": "{entry} and {other} are the same case ({author}, {title}); it counts once, remove one",
        },
        "case.district.unreviewed": {
            "zh": "还有 {count} 个案例未初评：{entries}（用 workshop case review 记录）",
            "en": "{count} case(s) not yet reviewed: {entries} (record with workshop case review)",
        },
        "case.district.type_label": {"zh": "{name}（{short}）", "en": "{name} ({short})"},
        "case.district.total_label": {"zh": "合计", "en": "all types"},
        "case.district.short": {
            "zh": "{what}：至少 {needed} 个，可计入 {counted} 个，还差 {missing} 个",
            "en": "{what}: at least {needed}, {counted} count, {missing} missing",
        },
        "case.district.status.duplicate": {"zh": "重复（同 {other}）", "en": "duplicate of {other}"},
        "case.district.status.problems": {
            "zh": "未通过检查（{count} 个问题）",
            "en": "fails checks ({count})",
        },
        "case.district.status.studio": {"zh": "工作室条件未达到", "en": "studio minimums not met"},
        "case.district.status.disqualified": {"zh": "初评取消资格", "en": "disqualified at review"},
        "case.district.status.counted": {"zh": "计入", "en": "counted"},
        "case.district.suffix": {
            "zh": "清单文件应以 .xlsx 结尾，这里是“{suffix}”",
            "en": "the list must be an .xlsx file, not '{suffix}'",
        },
        "case.district.none": {"zh": "没有问题", "en": "no problems"},
        "case.district.header": {
            "zh": "{folder}：{count} 个案例（{call}）",
            "en": "{folder}: {count} cases ({call})",
        },
        "case.district.quota_line": {
            "zh": "  {what}：至少 {needed}，可计入 {counted}{missing}",
            "en": "  {what}: at least {needed}, {counted} count{missing}",
        },
        "case.district.missing_suffix": {"zh": "，还差 {missing}", "en": ", {missing} missing"},
        "case.district.ready": {
            "zh": "可以报送：{counted} 个案例计入名额，全部已初评。",
            "en": "Ready to send: {counted} cases count, all reviewed.",
        },
        "case.district.problems": {
            "zh": "尚不能报送，共 {count} 个问题：",
            "en": "Not ready to send, {count} problem(s):",
        },
        "case.district.written": {"zh": "已写入清单 {file}", "en": "Wrote the list to {file}"},
        # the case-writing page
        "writer.intro": {
            "zh": "按征集要求填写案例信息表、撰写案例介绍（四个部分）、添加支撑材料，最后点“检查并导出案例包”。填写的内容随时自动保存。",
            "en": "Fill in the form, write the four sections, add material, then export. Your work is saved as you type.",
        },
        "writer.form": {"zh": "一、案例信息表", "en": "1. Information form"},
        "writer.document": {"zh": "二、案例介绍文档", "en": "2. Case document"},
        "writer.materials": {"zh": "三、相关支撑材料", "en": "3. Supporting material"},
        "writer.export_heading": {"zh": "四、检查并导出", "en": "4. Check and export"},
        "writer.name": {"zh": "案例名称", "en": "Case name"},
        "writer.authors": {"zh": "作者信息（最多{limit}人）", "en": "Authors (at most {limit})"},
        "writer.type": {"zh": "案例类型", "en": "Case type"},
        "writer.overview": {"zh": "案例概述", "en": "Overview"},
        "writer.overview_count": {
            "zh": "概述 {count} / {limit} 字",
            "en": "Overview {count} / {limit} characters",
        },
        "writer.document_count": {
            "zh": "正文 {count} / {limit} 字",
            "en": "Document {count} / {limit} characters",
        },
        "writer.missing_sections": {"zh": "尚缺：{sections}", "en": "Missing: {sections}"},
        "writer.sections_done": {"zh": "四个部分都已填写", "en": "All four sections have text"},
        "writer.host_hint": {
            "zh": "工作室案例：须有一位作者在“职称/职务”中写明“工作室主持人”。",
            "en": "A studio case: one author's 职称/职务 must say 工作室主持人.",
        },
        "writer.signature": {"zh": "作者签名", "en": "Signature"},
        "writer.original": {
            "zh": "我（们）申明：该案例是我（们）原创，不涉及抄袭或侵犯他人著作权等问题。",
            "en": "I (we) declare the case is our own original work.",
        },
        "writer.upload_document": {"zh": "或上传写好的 Word 文档", "en": "Or upload a Word document"},
        "writer.use_upload": {"zh": "使用上传的文档", "en": "Use the uploaded document"},
        "writer.write_here": {"zh": "改回在此撰写", "en": "Write here instead"},
        "writer.using_upload": {
            "zh": "正在使用上传的文档 {name}；下面的撰写框暂不使用。",
            "en": "Using the uploaded document {name}; the boxes below are not used.",
        },
        "writer.not_docx": {
            "zh": "{name} 不是 Word 文档（.docx），未使用",
            "en": "{name} is not a Word document (.docx); not used",
        },
        "writer.choose": {"zh": "选择文件", "en": "Choose files"},
        "writer.add": {"zh": "添加支撑材料", "en": "Add material"},
        "writer.withdraw": {"zh": "撤下所选文件", "en": "Withdraw file"},
        "writer.material_total": {
            "zh": "支撑材料 {count} 个；全部文件共 {size:.1f} MB / {limit:g} MB",
            "en": "{count} material files; {size:.1f} MB of {limit:g} MB in all",
        },
        "writer.withdrawn": {
            "zh": "已撤下 {name}（保存在 {place}，没有删除）",
            "en": "Withdrew {name} (kept in {place}, not deleted)",
        },
        "writer.todo": {"zh": "导出前还需处理 {count} 项：", "en": "{count} thing(s) to do before export:"},
        "writer.ready": {
            "zh": "信息表和文档已符合要求，可以导出。",
            "en": "The form and document meet the call; ready to export.",
        },
        "writer.export": {"zh": "检查并导出案例包", "en": "Check and export"},
        "writer.exported": {
            "zh": "已导出 {name}，可以下载后报送：",
            "en": "Exported {name}; download it to send:",
        },
        "writer.refused": {"zh": "未导出，请先处理：", "en": "Not exported; first fix:"},
    }
)

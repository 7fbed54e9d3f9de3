<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>StopEditor</name>
    <message>
      <location filename="../tour_stop_editor.py" line="41" />
      <source>Arrive looking at:</source>
      <translation>到达时朝向：</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="43" />
      <source>Off: visitors arrive at the hall's start view.</source>
      <translation>不勾选：观众到达时看向展厅的起始视角。</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="45" />
      <source>yaw </source>
      <translation>水平 </translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="46" />
      <source>pitch </source>
      <translation>俯仰 </translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="47" />
      <source>field of view </source>
      <translation>视野 </translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="58" />
      <source>none — or type an accession number</source>
      <translation>无——或输入藏品编号</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="67" />
      <source>Hall</source>
      <translation>展厅</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="68" />
      <source>View</source>
      <translation>视角</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="69" />
      <source>Object</source>
      <translation>展品</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="70" />
      <source>Narration</source>
      <translation>解说</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="98" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="126" />
      <source>recorded</source>
      <translation>已录制</translation>
    </message>
    <message>
      <location filename="../tour_stop_editor.py" line="126" />
      <source>none</source>
      <translation>无</translation>
    </message>
  </context>
  <context>
    <name>ToursPane</name>
    <message>
      <location filename="../tours_pane.py" line="49" />
      <source>Add tour</source>
      <translation>添加导览</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="52" />
      <source>Remove tour</source>
      <translation>删除导览</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="55" />
      <source>Tours</source>
      <translation>导览</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="57" />
      <source>Drag to change the order visitors see.</source>
      <translation>拖动以调整观众看到的顺序。</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="71" />
      <source>Default tour (a visit follows it: the start hall and “next” links)</source>
      <translation>默认导览（参观按它进行：起始展厅和“下一站”链接）</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="79" />
      <source>Add stop</source>
      <translation>添加站点</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="82" />
      <source>Remove stop</source>
      <translation>删除站点</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="90" />
      <source>Tour</source>
      <translation>导览</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="92" />
      <source>Slug</source>
      <translation>标识</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="93" />
      <source>Title (Chinese)</source>
      <translation>中文标题</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="94" />
      <source>Title (English)</source>
      <translation>英文标题</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="96" />
      <source>Stops, in order (drag to reorder)</source>
      <translation>站点顺序（拖动以重新排序）</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="100" />
      <source>Selected stop</source>
      <translation>所选站点</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="155" />
      <source>(no stops yet)</source>
      <translation>（尚无站点）</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="159" />
      <source>The default tour</source>
      <translation>默认导览</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="193" />
      <source>view {0:.0f}°, {1:.0f}°, {2:.0f}°</source>
      <translation>视角 {0:.0f}°，{1:.0f}°，{2:.0f}°</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="196" />
      <source>object {0}</source>
      <translation>展品 {0}</translation>
    </message>
    <message>
      <location filename="../tours_pane.py" line="198" />
      <source>narration</source>
      <translation>解说</translation>
    </message>
  </context>
</TS>

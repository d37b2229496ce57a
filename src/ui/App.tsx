export function App() {
  return <main><h1>HDM Atlas</h1></main>;
}
